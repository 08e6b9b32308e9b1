import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ProcessException } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { STATUS_LABELS, labelOf } from '../../utils/labels';

/** The status of an exception with the matching status light. */
export const StatusLabel = ({
  status,
  backfilledOnTime,
}: Pick<ProcessException, 'status' | 'backfilledOnTime'>) => {
  const label = labelOf(STATUS_LABELS, status);
  switch (status) {
    case 'overdue':
      return <StatusError>{label}</StatusError>;
    case 'backfilled':
      return backfilledOnTime === false ? (
        <StatusWarning>{label} late</StatusWarning>
      ) : (
        <StatusOK>{label}</StatusOK>
      );
    default:
      return <StatusPending>{label}</StatusPending>;
  }
};
