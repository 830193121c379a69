/** The statutory clock for data subject rights requests: pure functions on YYYY-MM-DD dates. */
export { calendarFor, type Calendar } from './calendar.ts';
export { addCalendarMonths, addDays, daysBetween, isIsoDate, type IsoDate } from './dates.ts';
export { dueDate, type DueDate } from './due-date.ts';
export { ClockError } from './errors.ts';
export type { ClockStep, StepRule } from './explain.ts';
export type { ExtensionRefusal } from './extension.ts';
export type { Clarification, ClockInput, ExtensionNotice } from './input.ts';
export {
  JURISDICTIONS,
  JURISDICTION_NAMES,
  jurisdictionForNation,
  type Jurisdiction,
  type Nation,
} from './jurisdictions.ts';
export { dueSoon, overdue, type HasDeadline } from './lists.ts';
export {
  DEFAULT_AMBER_WORKING_DAYS,
  daysRemaining,
  isDueSoon,
  isOverdue,
  ragStatus,
  type Rag,
} from './status.ts';
export {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  onOrAfterWorkingDay,
} from './working-days.ts';
