// A person's home: what they have to do (open tasks) and what they were told lately (recent
// notices), each shown with its current card. Every adapter shows the same home: the terminal's
// start screen, Slack's App Home, a Teams personal tab.
import type { Card } from "../../ports/card.ts";
import type { Locale } from "../../ports/locale.ts";

export const HOME_PAGE_SIZE = 10;

export interface HomeEntry {
  /** The most recent notice of this entry (one notice per person, whatever the platforms). */
  readonly noticeId: string;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  /** When it reached the person: its visibleFrom, else when it was written. */
  readonly at: Date;
  /** Null while any of the entry's notices is unacknowledged. */
  readonly acknowledgedAt: Date | null;
  /** The current card: rebuilt from the subject's state when its area has a builder, else as stored. */
  readonly card: Card;
  readonly rebuilt: boolean;
}

export interface HomePerson {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly timeZone: string;
}

export interface Home {
  readonly person: HomePerson;
  /** The person's language (their profile, else the organisation's). */
  readonly locale: Locale;
  readonly now: Date;
  /** Open tasks on this page, most recent first; the page lists tasks before notices. */
  readonly tasks: readonly HomeEntry[];
  /** Recent notices on this page (those that are not open tasks), most recent first. */
  readonly notices: readonly HomeEntry[];
  readonly page: number;
  readonly pages: number;
  readonly pageSize: number;
  readonly totalTasks: number;
  readonly totalNotices: number;
}
