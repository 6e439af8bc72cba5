import { allAgencies } from '../data/agencies.ts';
import { useAgencyNamesTh } from '../domain/notes-th.ts';

// History notes name agencies by id; their Thai gives the agency's Thai name, looked up on first use.
let names: Map<string, string> | undefined;
useAgencyNamesTh((id) => {
  names ??= new Map(allAgencies().map((a) => [a.id, a.nameTh]));
  return names.get(id);
});
