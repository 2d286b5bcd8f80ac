/** How a person is named in lists: by name where known, otherwise by their role ("Cabinet Member for Children's Services"). */
export function personLabel(person: { name: string | null; role_title: string | null }): string {
  return person.name ?? person.role_title ?? 'Unnamed person'
}
