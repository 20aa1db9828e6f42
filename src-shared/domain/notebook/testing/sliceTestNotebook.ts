/** A small notebook for tests: a parameter `year`, `base`, `latest` (reads base and year) and `other` (reads nothing). */
export const SLICE_TEST_NOTEBOOK = `---
iwb-notebook: 1
---

\`\`\`parameter year
control: number
value: 2023
\`\`\`

\`\`\`sql base
select * from observations
\`\`\`

\`\`\`sql latest
select * from base where year = getvariable('year')
\`\`\`

\`\`\`sql other
select 1 as one
\`\`\`
`;
