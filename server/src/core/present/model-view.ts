/** The model itself, as data for the view: kinds × duties, the owner of each cell and where we refine the seed. */
import { DUTIES, KINDS, type DutyId, type Kind, type Owner } from '../model/duties';
import { dutySummary, dutyTitle, kindMeaning, kindTitle, ownersForKind, SEED_SOURCE } from '../model/duty-owners';

export interface ModelCell {
  owner: Owner;
  refinement?: { note: string; source: string };
}
export interface ModelView {
  source: string;
  kinds: { id: Kind; title: string; meaning: string; examples: string[] }[];
  duties: { id: DutyId; title: string; summary: string; cells: Record<Kind, ModelCell> }[];
}

/** The services the seed names as examples of each kind (seed-responsibility-model.md; https://aws.amazon.com/compliance/shared-responsibility-model/). */
const SEED_EXAMPLES: Record<Kind, string[]> = {
  infrastructure: ['Amazon EC2', 'Amazon EBS', 'Auto Scaling', 'Amazon VPC'],
  container: ['Amazon RDS', 'Amazon EMR', 'AWS Elastic Beanstalk'],
  managed: ['Amazon S3', 'Amazon Glacier', 'Amazon DynamoDB', 'AWS Lambda', 'Amazon SQS', 'Amazon SES'],
};

export function modelView(): ModelView {
  const owners = new Map(KINDS.map((k) => [k, new Map(ownersForKind(k).map((o) => [o.duty, o]))]));
  return {
    source: SEED_SOURCE,
    kinds: KINDS.map((k) => ({ id: k, title: kindTitle(k), meaning: kindMeaning(k), examples: SEED_EXAMPLES[k] })),
    duties: DUTIES.map((d) => {
      const cells = {} as Record<Kind, ModelCell>;
      for (const k of KINDS) {
        const o = owners.get(k)?.get(d);
        cells[k] = { owner: o?.owner ?? 'aws', ...(o?.refinement ? { refinement: o.refinement } : {}) };
      }
      return { id: d, title: dutyTitle(d), summary: dutySummary(d), cells };
    }),
  };
}
