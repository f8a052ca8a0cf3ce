// A person as the domain's rules see them — their units, grants and whether they are away now.
// Card builders and jobs have a person from the register, not the `Who` of a command; this is the
// one place that turns the one into the other.
import type { Actor } from "../../domain/access/roles.ts";
import type { Person } from "../../ports/people-repository.ts";
import type { TxPorts } from "../../ports/unit-of-work.ts";

export async function actorOf(tx: TxPorts, person: Person): Promise<Actor> {
  return actorFrom(person, await tx.people.isAway(person.id));
}

/** The same, when whether they are away was read with the person (`people.standing`). */
export function actorFrom(person: Person, away: boolean): Actor {
  return { employeeId: person.id, unitPath: person.unitPath, grants: person.grants, onLeave: away };
}
