-- A person with both a Slack and a Teams account gets each notice once, on the platform they chose
-- (issue #14). Null: where they last acknowledged a notice, else the first of their accounts.
ALTER TABLE "Employee" ADD COLUMN "preferredPlatform" TEXT;
