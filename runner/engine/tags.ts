/** Tag selection with Ansible's rules: always, never, tagged, untagged, all. */

export interface TagFilter {
  only?: string[];
  skip?: string[];
}

export function tagsSelected(taskTags: string[], filter: TagFilter): boolean {
  const tags = new Set(taskTags);
  const only = filter.only?.length ? new Set(filter.only) : undefined;
  const skip = new Set(filter.skip ?? []);
  if (skip.size) {
    if (skip.has('all') && !tags.has('always')) return false;
    if (skip.has('tagged') && tags.size && !tags.has('always')) return false;
    if (skip.has('untagged') && !tags.size) return false;
    for (const t of tags) if (skip.has(t)) return false;
  }
  if (!only) return !tags.has('never');
  if (tags.has('always')) return true;
  if (only.has('all')) return !tags.has('never');
  if (only.has('tagged') && tags.size && !tags.has('never')) return true;
  if (only.has('untagged') && !tags.size) return true;
  for (const t of tags) if (only.has(t)) return true;
  return false;
}
