-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "kind" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "calendarId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "OrgUnit_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "Calendar" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Calendar" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "weekendDays" TEXT NOT NULL DEFAULT '6,7'
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "calendarId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CalendarDay_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "Calendar" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Employee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "email" TEXT,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Employee_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    CONSTRAINT "RoleGrant_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleGrant_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL DEFAULT '',
    "conversationRef" TEXT,
    "installedAt" DATETIME,
    CONSTRAINT "ChatIdentity_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "preset" TEXT,
    "category" TEXT,
    "maxTenureMonths" INTEGER NOT NULL,
    "leaveEveryMonths" INTEGER NOT NULL,
    "leaveMinWorkingDays" INTEGER NOT NULL,
    "complianceLeadWorkingDays" INTEGER NOT NULL DEFAULT 2,
    "warningDays" TEXT NOT NULL DEFAULT '90,30,7',
    "reminderHours" TEXT NOT NULL DEFAULT '24,48',
    "escalateAfterHours" INTEGER NOT NULL DEFAULT 72
);

-- CreateTable
CREATE TABLE "ChecklistTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ChecklistTemplateItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "textEn" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ChecklistTemplateItem_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ChecklistTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "unitId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "riskPoints" TEXT NOT NULL DEFAULT '[]',
    "policyId" TEXT,
    "checklistTemplateId" TEXT,
    "standardDefined" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KeyPost_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "KeyPost_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "KeyPost_checklistTemplateId_fkey" FOREIGN KEY ("checklistTemplateId") REFERENCES "ChecklistTemplate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "employeeId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'holder',
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "endReason" TEXT,
    "rotationId" TEXT,
    "leaveId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "KeyPost" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Client" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" TEXT,
    CONSTRAINT "Client_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClientAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT,
    "reason" TEXT,
    "rotationId" TEXT,
    CONSTRAINT "ClientAssignment_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ClientAssignment_employeeId_fkey" FOREIGN KEY ("employeeId") REFERENCES "Employee" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RotationPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RotationPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT,
    "postId" TEXT NOT NULL,
    "outgoingId" TEXT NOT NULL,
    "incomingId" TEXT,
    "destinationPostId" TEXT,
    "plannedDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "handoverId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "approvedById" TEXT,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rotation_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RotationPlan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Leave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "trigger" TEXT,
    "triggerRef" TEXT,
    "holderId" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "substituteId" TEXT,
    "unitId" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "sealed" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "plannedById" TEXT NOT NULL,
    "complianceNotifiedAt" DATETIME,
    "startedAt" DATETIME,
    "closedAt" DATETIME,
    "cancelledAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "witnessId" TEXT,
    "purpose" TEXT NOT NULL,
    "leaveId" TEXT,
    "rotationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "periodStart" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "HandoverItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "handoverId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "HandoverItem_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoverConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "handoverId" TEXT NOT NULL,
    "itemSeq" INTEGER NOT NULL,
    "side" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "HandoverConfirmation_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Audit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leaveId" TEXT,
    "rotationId" TEXT,
    "postId" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "planText" TEXT NOT NULL DEFAULT '',
    "planApprovedById" TEXT,
    "noticeIssuedAt" DATETIME,
    "reportText" TEXT NOT NULL DEFAULT '',
    "dueDate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "AuditMember_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditChecklistItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "textEn" TEXT NOT NULL DEFAULT '',
    "result" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT NOT NULL DEFAULT '',
    "evidenceUrl" TEXT NOT NULL DEFAULT '',
    "markedById" TEXT,
    "markedAt" DATETIME,
    CONSTRAINT "AuditChecklistItem_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "itemSeq" INTEGER,
    "evidenceUrl" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Finding_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditOpinion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "agrees" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL,
    CONSTRAINT "AuditOpinion_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "employeeId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "AuditSignature_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rectification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "auditId" TEXT NOT NULL,
    "findingSeq" INTEGER,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closingNote" TEXT NOT NULL DEFAULT '',
    "closedById" TEXT,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Rectification_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "Audit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MajorEventReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reporterId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'filed',
    "triagedById" TEXT,
    "triageNote" TEXT NOT NULL DEFAULT '',
    "leaveId" TEXT,
    "filedAt" DATETIME NOT NULL,
    "triagedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "card" TEXT NOT NULL,
    "visibleFrom" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT NOT NULL DEFAULT '',
    "messageRef" TEXT,
    "sentAt" DATETIME,
    "acknowledgedAt" DATETIME,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" DATETIME,
    "needsUpdate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ActionToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectVersion" INTEGER NOT NULL,
    "recipientId" TEXT NOT NULL,
    "args" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CommandReceipt" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScheduledSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "platform" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "sealedUntil" DATETIME,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_code_key" ON "OrgUnit"("code");

-- CreateIndex
CREATE INDEX "OrgUnit_path_idx" ON "OrgUnit"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Calendar_code_key" ON "Calendar"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarDay_calendarId_date_key" ON "CalendarDay"("calendarId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_code_key" ON "Employee"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Employee_email_key" ON "Employee"("email");

-- CreateIndex
CREATE INDEX "Employee_unitId_idx" ON "Employee"("unitId");

-- CreateIndex
CREATE INDEX "RoleGrant_role_unitId_idx" ON "RoleGrant"("role", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleGrant_employeeId_role_unitId_key" ON "RoleGrant"("employeeId", "role", "unitId");

-- CreateIndex
CREATE INDEX "ChatIdentity_employeeId_idx" ON "ChatIdentity"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_externalId_key" ON "ChatIdentity"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_code_key" ON "Policy"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistTemplate_code_key" ON "ChecklistTemplate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistTemplateItem_templateId_seq_key" ON "ChecklistTemplateItem"("templateId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "KeyPost_code_key" ON "KeyPost"("code");

-- CreateIndex
CREATE INDEX "KeyPost_unitId_idx" ON "KeyPost"("unitId");

-- CreateIndex
CREATE INDEX "Assignment_postId_endDate_idx" ON "Assignment"("postId", "endDate");

-- CreateIndex
CREATE INDEX "Assignment_endDate_startDate_idx" ON "Assignment"("endDate", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_employeeId_postId_startDate_kind_key" ON "Assignment"("employeeId", "postId", "startDate", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Client_code_key" ON "Client"("code");

-- CreateIndex
CREATE INDEX "ClientAssignment_employeeId_endDate_idx" ON "ClientAssignment"("employeeId", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "ClientAssignment_clientId_employeeId_startDate_key" ON "ClientAssignment"("clientId", "employeeId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "RotationPlan_year_unitId_key" ON "RotationPlan"("year", "unitId");

-- CreateIndex
CREATE INDEX "Rotation_postId_status_idx" ON "Rotation"("postId", "status");

-- CreateIndex
CREATE INDEX "Rotation_outgoingId_idx" ON "Rotation"("outgoingId");

-- CreateIndex
CREATE INDEX "Leave_status_startDate_idx" ON "Leave"("status", "startDate");

-- CreateIndex
CREATE INDEX "Leave_holderId_idx" ON "Leave"("holderId");

-- CreateIndex
CREATE INDEX "Leave_unitId_idx" ON "Leave"("unitId");

-- CreateIndex
CREATE INDEX "Handover_status_idx" ON "Handover"("status");

-- CreateIndex
CREATE INDEX "Handover_leaveId_idx" ON "Handover"("leaveId");

-- CreateIndex
CREATE UNIQUE INDEX "HandoverItem_handoverId_seq_key" ON "HandoverItem"("handoverId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "HandoverConfirmation_handoverId_itemSeq_side_key" ON "HandoverConfirmation"("handoverId", "itemSeq", "side");

-- CreateIndex
CREATE INDEX "Audit_status_idx" ON "Audit"("status");

-- CreateIndex
CREATE INDEX "Audit_leaveId_idx" ON "Audit"("leaveId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditMember_auditId_employeeId_key" ON "AuditMember"("auditId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditChecklistItem_auditId_seq_key" ON "AuditChecklistItem"("auditId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_auditId_seq_key" ON "Finding"("auditId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditOpinion_auditId_employeeId_key" ON "AuditOpinion"("auditId", "employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditSignature_auditId_employeeId_key" ON "AuditSignature"("auditId", "employeeId");

-- CreateIndex
CREATE INDEX "Rectification_status_dueDate_idx" ON "Rectification"("status", "dueDate");

-- CreateIndex
CREATE INDEX "MajorEventReport_status_idx" ON "MajorEventReport"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_dedupeKey_key" ON "Notice"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notice_status_nextAttemptAt_idx" ON "Notice"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notice_subjectType_subjectId_idx" ON "Notice"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "Notice_recipientId_idx" ON "Notice"("recipientId");

-- CreateIndex
CREATE INDEX "ActionToken_subjectType_subjectId_idx" ON "ActionToken"("subjectType", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledSlot_job_slot_key" ON "ScheduledSlot"("job", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLogEntry_hash_key" ON "AuditLogEntry"("hash");

-- CreateIndex
CREATE INDEX "AuditLogEntry_subjectType_subjectId_idx" ON "AuditLogEntry"("subjectType", "subjectId");

