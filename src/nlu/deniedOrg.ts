/**
 * An organisation named to say it is not the one ("c'est la msa pas la sécu", "chez la MSA et non la CPAM", "with the
 * msa not the cpam"): the one denied is no need. Only after another organisation, so "j'ai pas la sécu" stays.
 */
const ORG = '(?:msa|secu|securite sociale|cpam|ameli|caf|impots|pole emploi|france travail|carsat|mutuelle)';
const DENIED_ORG = new RegExp(`\\b(${ORG}) (?:(?:et )?(?:pas|non)|not|and not) (?:la |le |l |les |a la |au |the )?${ORG}\\b`, 'g');

export function withoutDenied(plain: string): string {
  return plain.replace(DENIED_ORG, '$1');
}
