import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { analysisDocuments, hashSeed } from './documents';
import { prepareComingPartitions } from './partitions';
import { CROP_TYPES, type CropType } from './schemas';
import { analysisTag, farmerAnalysesTag, sponsorTag } from './tags';

/*
 * The logic of the Sponsors jobs, declared with their events in ./module.ts. Both idempotent.
 */

/** The partitions of this month and the next three (plan 003 phase 4's "automated partition management"). */
export async function createComingPartitions(): Promise<{ created: number; through: string }> {
  return prepareComingPartitions();
}

/**
 * Analyses a farmer's photo. Brisk has no image model: the documents come from the same
 * deterministic generator as the seed's (documents.ts), seeded by the analysis id. Only a pending
 * analysis is filled in, so a retry or a second delivery of the event changes nothing.
 */
export async function analysePlant(analysisId: string, analysisDate: string): Promise<{ status: 'completed' | 'skipped' }> {
  const date = new Date(analysisDate);
  const [analysis] = await prisma.$queryRaw<{ crop_type: string; farmer_id: string; sponsor_id: string | null }[]>`
    SELECT crop_type, farmer_id, sponsor_id FROM plant_analyses
    WHERE id = ${analysisId}::uuid AND analysis_date = ${date} AND status IN ('pending', 'processing')`;
  if (!analysis) return { status: 'skipped' };
  const crop = (CROP_TYPES as readonly string[]).includes(analysis.crop_type) ? (analysis.crop_type as CropType) : 'tomato';
  const { overallHealthScore, ...documents } = analysisDocuments(crop, hashSeed(analysisId));
  const json = (value: unknown) => JSON.stringify(value);
  const updated = await prisma.$executeRaw`
    UPDATE plant_analyses
    SET status = 'completed', overall_health_score = ${overallHealthScore},
        detailed_analysis = ${json(documents.detailedAnalysis)}::jsonb, health_assessment = ${json(documents.healthAssessment)}::jsonb,
        nutrient_status = ${json(documents.nutrientStatus)}::jsonb, pest_disease = ${json(documents.pestDisease)}::jsonb,
        environmental_stress = ${json(documents.environmentalStress)}::jsonb, recommendations = ${json(documents.recommendations)}::jsonb,
        updated_at = now()
    WHERE id = ${analysisId}::uuid AND analysis_date = ${date} AND status IN ('pending', 'processing')`;
  if (updated === 0) return { status: 'skipped' };
  await invalidate([analysisTag(analysisId), farmerAnalysesTag(analysis.farmer_id), ...(analysis.sponsor_id ? [sponsorTag(analysis.sponsor_id)] : [])]);
  return { status: 'completed' };
}
