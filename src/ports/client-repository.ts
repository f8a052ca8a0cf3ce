// Client portfolios (客户): who serves a client now and before. A relationship manager's clients move
// with the post at a rotation ("rotate the clients, not only the people"); every move ends one
// ClientAssignment row and starts another, so the history is never edited.

export interface ClientView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly unitId: string | null;
  /** The client's unit path; null when the client has no unit. */
  readonly unitPath: string | null;
}

export interface ClientAssignmentRecord {
  readonly id: string;
  readonly clientId: string;
  readonly employeeId: string;
  readonly startDate: string;
  readonly endDate: string | null;
  /** import | rotation | manual */
  readonly reason: string | null;
  readonly rotationId: string | null;
}

export interface ClientServed {
  readonly client: ClientView;
  readonly assignment: ClientAssignmentRecord;
}

export interface ClientRepository {
  byCode(code: string): Promise<ClientView | undefined>;
  byCodes(codes: readonly string[]): Promise<ClientView[]>;
  /** The open assignment (no end date) of each client named; clients without one are absent. */
  currentOf(clientIds: readonly string[]): Promise<ClientAssignmentRecord[]>;
  /** Every assignment of a client, oldest first. */
  historyOf(clientId: string): Promise<ClientAssignmentRecord[]>;
  /** The clients a person serves now, by client code. */
  servedBy(employeeId: string): Promise<ClientServed[]>;
  /**
   * Moves clients to another person on `date`: ends each open assignment and starts a new one with
   * the reason and rotation. Returns the new rows.
   */
  move(
    moves: readonly { readonly assignmentId: string; readonly clientId: string }[],
    to: {
      readonly employeeId: string;
      readonly date: string;
      readonly reason: string;
      readonly rotationId: string | null;
    },
  ): Promise<ClientAssignmentRecord[]>;
}
