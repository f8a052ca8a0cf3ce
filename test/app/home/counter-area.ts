// A small area of the tests' own, standing in for the real ones until they land: a "counter"
// subject (kept in Settings) whose card is rebuilt by a builder, with a plain button and a button
// that opens a form; and helpers to write notices with stored cards (no builder) and sealed ones.
import { z } from "zod";
import { same, type Card } from "../../../src/ports/card.ts";
import { actions as catalogActions } from "../../../src/app/catalog.ts";
import { bi } from "../../../src/ports/locale.ts";
import type { CardRegistry } from "../../../src/app/kernel/card-registry.ts";
import type { Kernel } from "../../../src/app/kernel/execute.ts";
import { offer, sendNotice } from "../../../src/app/kernel/notify.ts";
import { bind, type ActionRegistry } from "../../../src/app/kernel/press-action.ts";
import { useCase } from "../../../src/app/kernel/use-case.ts";
import { suspensionCheck } from "../../../src/domain/access/suspension.ts";
import { DomainError } from "../../../src/domain/errors.ts";
import type { TxPorts } from "../../../src/ports/unit-of-work.ts";

async function versionOf(tx: TxPorts): Promise<number> {
  return Number((await tx.settings.get("counter")) ?? "1");
}

async function moveOn(tx: TxPorts, expected: number): Promise<number> {
  const version = await versionOf(tx);
  if (version !== expected) throw new DomainError("STALE_ACTION");
  await tx.settings.set("counter", String(version + 1));
  return version + 1;
}

export const bump = useCase({
  name: "test.bump",
  input: z.object({ expectedVersion: z.number().int() }),
  async run(input, who, tx, env) {
    const refused = suspensionCheck(who.actor, { name: "test.bump" });
    if (refused) throw new DomainError(refused);
    const version = await moveOn(tx, input.expectedVersion);
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "test.bumped",
      subjectType: "counter",
      subjectId: "c",
      data: { version },
    });
    return { message: bi("计数器已加一。", "The counter went up by one."), touched: [{ type: "counter", id: "c" }] };
  },
});

export const annotate = useCase({
  name: "test.annotate",
  input: z.object({
    expectedVersion: z.number().int(),
    note: z.string().min(1).max(40),
    due: z.iso.date(),
    link: z.url({ protocol: /^https$/ }).optional(),
    colour: z.enum(["red", "green"]),
  }),
  async run(input, who, tx, env) {
    if (input.due < env.now.toISOString().slice(0, 10))
      throw new DomainError("LEAD_TIME_TOO_SHORT", { due: input.due });
    const version = await moveOn(tx, input.expectedVersion);
    await tx.settings.set(
      "counter.note",
      `${input.note} · ${input.due} · ${input.colour}${input.link ? ` · ${input.link}` : ""}`,
    );
    await tx.log.append({
      at: env.now,
      actorId: who.person.id,
      platform: who.platform,
      action: "test.annotated",
      subjectType: "counter",
      subjectId: "c",
      data: { version },
    });
    return { message: bi("备注已保存。", "The note is saved."), touched: [{ type: "counter", id: "c" }] };
  },
});

/** The counter's card: two buttons until version 4, then none ("done"). */
export const counterCards: CardRegistry = {
  counter: async (tx, ref) => {
    const version = await versionOf(tx);
    const note = (await tx.settings.get("counter.note")) ?? "—";
    const what = { subjectType: "counter", subjectId: "c", version, recipientId: ref.recipient.id };
    const buttons =
      version >= 4
        ? []
        : [
            await offer(tx, { ...what, action: "test.bump" }, bi("加一", "Bump"), { style: "primary" }),
            await offer(tx, { ...what, action: "test.annotate" }, bi("添加备注", "Annotate"), {
              form: {
                title: bi("添加备注", "Annotate the counter"),
                inputs: [
                  { name: "note", kind: "text", label: bi("备注", "Note"), required: true, maxLength: 40 },
                  { name: "due", kind: "date", label: bi("到期日", "Due date"), required: true },
                  { name: "link", kind: "url", label: bi("证据链接", "Evidence link"), required: false },
                  {
                    name: "colour",
                    kind: "select",
                    label: bi("颜色", "Colour"),
                    required: true,
                    options: [
                      { value: "red", label: bi("红色", "Red") },
                      { value: "green", label: bi("绿色", "Green") },
                    ],
                  },
                ],
              },
            }),
          ];
    return {
      title: bi(`计数器 第${version}版`, `Counter v${version}`),
      text: bi("这是测试用的事项。", "A matter of the tests' own."),
      fields: [
        { label: bi("版本", "Version"), value: same(String(version)) },
        { label: bi("备注", "Note"), value: same(note) },
      ],
      actions: buttons,
      ...(version >= 4 ? { footer: bi("已完成", "Done") } : {}),
      subject: { type: "counter", id: "c", version },
    } satisfies Card;
  },
};

export const testActions: ActionRegistry = {
  ...catalogActions,
  "test.bump": bind(bump, (token) => ({ expectedVersion: token.subjectVersion })),
  "test.annotate": bind(annotate, (token, values) => ({ expectedVersion: token.subjectVersion, ...values })),
};

/** The counter's notice to one person. */
export async function sendCounterNotice(
  kernel: Kernel,
  personId: string,
  kind = "counter_changed",
  version = 1,
): Promise<void> {
  await kernel.uow.run(async (tx) => {
    const person = (await tx.people.byId(personId))!;
    await sendNotice(
      tx,
      { kind, subjectType: "counter", subjectId: "c", version },
      [person],
      async (r) =>
        (await counterCards.counter!(tx, { subjectId: "c", kind, recipient: r }, { now: kernel.clock.now() }))!,
    );
  });
}

/** A notice whose subject type has no builder: its stored card is what is shown. */
export async function sendStoredNotice(
  kernel: Kernel,
  personId: string,
  options: { subjectId: string; title: string; acknowledgeable?: boolean; visibleFrom?: Date; subjectType?: string },
): Promise<void> {
  const subjectType = options.subjectType ?? "memo";
  await kernel.uow.run(async (tx) => {
    const person = (await tx.people.byId(personId))!;
    await sendNotice(
      tx,
      {
        kind: "memo_sent",
        subjectType,
        subjectId: options.subjectId,
        version: 1,
        visibleFrom: options.visibleFrom ?? null,
      },
      [person],
      async (r) => ({
        title: same(options.title),
        fields: [],
        footer: bi("请确认", "Please acknowledge"),
        actions: options.acknowledgeable
          ? [
              await offer(
                tx,
                {
                  action: "notice.acknowledge",
                  subjectType,
                  subjectId: options.subjectId,
                  version: 1,
                  recipientId: r.id,
                },
                bi("已阅", "Acknowledge"),
              ),
            ]
          : [],
      }),
    );
  });
}
