import type { PublishedType } from '../../../common/domain/catalogue';
import type { WorkingCalendar } from '../../../common/domain/working-calendar';

/** What the matters loop needs of the county catalogues (Art. 15). */
export interface CatalogueLookup {
  /** The type in the county's catalogue as published now, or null when the county does not list it. */
  publishedType(countyCode: string, typeCode: string): Promise<PublishedType | null>;
  /** The type as it was in a given (possibly superseded) version: what a matter was handled under. */
  typeAtVersion(versionId: string, typeCode: string): Promise<PublishedType | null>;
}

/** What the matters loop needs of the working calendars (Art. 21). */
export interface CalendarLookup {
  calendarFor(countyCode: string): WorkingCalendar | Promise<WorkingCalendar>;
  /** Brings this process's calendars up to date with the database (after another process changed one). */
  refresh?(): Promise<void>;
}
