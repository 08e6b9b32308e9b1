export { ProcessExceptionSearchResultListItem } from './ProcessExceptionSearchResultListItem';
export type { ProcessExceptionSearchResultListItemProps } from './ProcessExceptionSearchResultListItem';
