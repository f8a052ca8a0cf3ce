// A chat platform's account as its directory lists it (Slack users.list, Microsoft Graph users):
// what the directory sync matches to the register's people by e-mail.
export interface DirectoryAccount {
  readonly externalId: string;
  readonly email: string;
  /** A second address the account answers to (Microsoft Entra: the UPN beside the mail). */
  readonly altEmail?: string;
  readonly tenantId: string;
}
