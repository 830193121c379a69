/** Data subject rights requests: recording, the status machine with its clock, and the DPO's lists. */
export { createRequest, type CreatedRequest, type NewRequest } from './create.ts';
export { deadlineLists, type DeadlineLists, type ListedRequest } from './lists.ts';
export { requestsOf } from './of-person.ts';
export { readRequest, type RequestEventView, type RequestView } from './read.ts';
export {
  finishedList,
  FINISHED_STATUSES,
  OUTCOMES,
  waitingCount,
  waitingList,
  WAITING_STATUSES,
  type FinishedRequest,
  type Outcome,
  type WaitingRequest,
  type WaitingStatus,
} from './status-lists.ts';
export { transition, type TransitionInput, type TransitionResult } from './transition.ts';
export { checkTransition, IllegalTransition, isLegal, TRANSITIONS } from './transitions.ts';
export {
  CHANNELS,
  REFUSAL_REASONS,
  RIGHTS,
  RUNNING_STATUSES,
  STATUSES,
  type RefusalReason,
  type RequestChannel,
  type RequestStatus,
  type Right,
} from './vocabulary.ts';
