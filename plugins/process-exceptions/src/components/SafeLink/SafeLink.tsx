import { Link } from '@backstage/core-components';
import { ReactNode } from 'react';
import { safeUrl } from '../../utils/safeUrl';

export interface SafeLinkProps {
  /** Untrusted: becomes an href only when it is an http(s) URL. */
  href: unknown;
  /** The link text; defaults to the URL itself. */
  children?: ReactNode;
}

/** A link to an external URL that renders as plain text when the URL is not http(s). */
export const SafeLink = ({ href, children }: SafeLinkProps) => {
  const url = safeUrl(href);
  if (!url) {
    return <span>{children ?? (typeof href === 'string' ? href : '')}</span>;
  }
  return (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      {children ?? url}
    </Link>
  );
};
