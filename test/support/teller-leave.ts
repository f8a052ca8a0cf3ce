// The leave HR plans in the Slack and Teams flow tests: Tom Teller's post in sub-branch SB1 (the
// small bank's, support/small-bank.ts), Monday 9 to Friday 13 March 2026, a regular periodic leave
// with Sue Substitute covering — the leave form's fields by input name. One literal, so that every
// chat test that fills the form plans the same leave and a change to the form's fields is made once.
export const TELLER_LEAVE = {
  post: "P-TELLER-SB1",
  startDate: "2026-03-09",
  endDate: "2026-03-13",
  kind: "regular",
  trigger: "periodic",
  substitute: "E-SU",
} as const;
