import type { CropType } from './schemas';

/*
 * The JSON documents of a plant analysis, as ZiraAI's image model returns them: detailed analysis,
 * health assessment, nutrient status, pests and diseases, environmental stress, recommendations.
 * A few kB together. Brisk has no image model: the analysis job (jobs.ts) and the seed make them
 * with this deterministic generator (same seed, same documents), so that the pages show what
 * farmers and sponsors would read, at the size they would read it.
 */

/** mulberry32: a small deterministic PRNG (the seed and the job must agree without faker). */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    some: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return out;
    },
  };
}

/** A number from a string (crop, id), for seeding. */
export function hashSeed(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

const SPECIES: Record<CropType, { species: string; varieties: string[] }> = {
  tomato: { species: 'Solanum lycopersicum', varieties: ['Rio Grande', 'San Marzano', 'Roma VF', 'Heinz 1350'] },
  wheat: { species: 'Triticum aestivum', varieties: ['Bezostaya-1', 'Kate A-1', 'Pehlivan', 'Sönmez'] },
  maize: { species: 'Zea mays', varieties: ['Pioneer P1570', 'DKC 6589', 'Kalumet', 'Sasha'] },
  cotton: { species: 'Gossypium hirsutum', varieties: ['Carmen', 'Stoneville 468', 'Gloria', 'Flash'] },
  potato: { species: 'Solanum tuberosum', varieties: ['Agria', 'Marabel', 'Granola', 'Lady Olympia'] },
  pepper: { species: 'Capsicum annuum', varieties: ['California Wonder', 'Sivri', 'Çarliston', 'Kapia'] },
  cucumber: { species: 'Cucumis sativus', varieties: ['Beit Alpha', 'Silor', 'Dinamik', 'Ptico'] },
  grape: { species: 'Vitis vinifera', varieties: ['Sultani Çekirdeksiz', 'Öküzgözü', 'Narince', 'Cabernet Sauvignon'] },
  olive: { species: 'Olea europaea', varieties: ['Gemlik', 'Ayvalık', 'Memecik', 'Domat'] },
  hazelnut: { species: 'Corylus avellana', varieties: ['Tombul', 'Palaz', 'Çakıldak', 'Sivri'] },
  sunflower: { species: 'Helianthus annuus', varieties: ['Sanbro', 'LG 5582', 'P64LE25', 'Tunca'] },
  apple: { species: 'Malus domestica', varieties: ['Golden Delicious', 'Granny Smith', 'Fuji', 'Amasya'] },
};

const STAGES = ['seedling', 'vegetative', 'flowering', 'fruit set', 'fruit development', 'ripening', 'tillering', 'grain filling'];
const AREAS = ['upper leaves', 'lower leaves', 'leaf margins', 'stem base', 'new growth', 'fruit surface', 'leaf underside', 'petioles'];
const FINDINGS = [
  'interveinal yellowing spreading from the leaf margins toward the midrib',
  'small water-soaked lesions with pale yellow halos, some merging into larger patches',
  'uniform light green colour consistent with early nitrogen shortage',
  'purple tint on the older leaves, typical of phosphorus uptake limited by cold soil',
  'scorched leaf edges and curling, a sign of potassium deficiency or salt stress',
  'fine stippling and webbing on the underside, consistent with spider mite feeding',
  'white powdery growth on the upper surface, most dense on shaded leaves',
  'healthy dark green foliage with firm turgor and no visible damage',
  'necrotic spots with concentric rings on older leaves, typical of early blight',
  'wilting in the afternoon that recovers overnight, suggesting irregular irrigation',
];
const SEVERITIES = ['none', 'low', 'moderate', 'high'] as const;
const PESTS = ['two-spotted spider mite', 'green peach aphid', 'whitefly', 'thrips', 'cotton bollworm', 'leaf miner', 'Colorado potato beetle', 'grape berry moth'];
const DISEASES = ['early blight (Alternaria solani)', 'powdery mildew', 'downy mildew', 'late blight (Phytophthora infestans)', 'septoria leaf spot', 'fusarium wilt', 'leaf rust', 'botrytis grey mould'];
const NUTRIENTS = ['nitrogen', 'phosphorus', 'potassium', 'calcium', 'magnesium', 'sulfur', 'iron', 'zinc', 'manganese', 'boron', 'copper', 'molybdenum'] as const;
const LEVELS = ['deficient', 'low', 'adequate', 'adequate', 'adequate', 'high'] as const;
const ACTIONS = [
  ['Apply a foliar feed', 'Spray a balanced NPK foliar fertiliser (20-20-20) at 2 g/L in the early morning, covering both leaf surfaces.'],
  ['Remove affected leaves', 'Cut off and bag the leaves with lesions; do not compost them. Disinfect pruning tools between plants.'],
  ['Adjust irrigation', 'Water deeply every third day instead of daily shallow watering; keep the root zone moist but not saturated.'],
  ['Scout for pests', 'Check 20 plants across the field for mites and aphids on the leaf underside; use a hand lens.'],
  ['Apply a fungicide', 'Use a copper-based fungicide following the label rate; repeat after 7 to 10 days if the weather stays humid.'],
  ['Improve air flow', 'Thin the canopy and widen spacing where plants touch, so leaves dry faster after rain or irrigation.'],
  ['Test the soil', 'Send a composite soil sample (15 cores, 0–30 cm) to a laboratory for pH, EC and macronutrients.'],
  ['Mulch the rows', 'Lay straw or plastic mulch to keep soil moisture even and stop soil splashing onto lower leaves.'],
  ['Release beneficial insects', 'Introduce predatory mites (Phytoseiulus persimilis) at 5 per m² where spider mites are found.'],
  ['Side-dress nitrogen', 'Apply 30 kg N/ha as calcium ammonium nitrate beside the rows and water it in.'],
] as const;
const TIMELINES = ['today', 'within 2 days', 'this week', 'within 2 weeks', 'before the next irrigation', 'at the next growth stage'];
const MONITORING = ['leaf colour of new growth', 'spread of lesions', 'soil moisture at 20 cm', 'pest counts per leaf', 'fruit set', 'afternoon wilting'];

export interface AnalysisDocuments {
  detailedAnalysis: Record<string, unknown>;
  healthAssessment: Record<string, unknown>;
  nutrientStatus: Record<string, unknown>;
  pestDisease: Record<string, unknown>;
  environmentalStress: Record<string, unknown>;
  recommendations: Record<string, unknown>;
  /** 0–100, what the list shows. */
  overallHealthScore: number;
}

/** The documents of one analysis of `crop`, the same for the same seed. About 4 kB of JSON. */
export function analysisDocuments(crop: CropType, seed: number): AnalysisDocuments {
  const r = random(seed);
  const { species, varieties } = SPECIES[crop];
  const score = r.int(28, 97);
  const severity = score > 80 ? 'none' : score > 65 ? 'low' : score > 45 ? 'moderate' : 'high';
  const observations = Array.from({ length: r.int(4, 6) }, () => ({ area: r.pick(AREAS), finding: r.pick(FINDINGS), severity: r.pick(SEVERITIES), confidence: r.int(60, 98) / 100 }));
  const nutrients = Object.fromEntries(
    NUTRIENTS.map((name) => {
      const level = score > 85 ? 'adequate' : r.pick(LEVELS);
      return [name, { level, confidence: r.int(55, 97) / 100, evidence: level === 'adequate' ? 'No visible symptoms.' : `${r.pick(FINDINGS)} on the ${r.pick(AREAS)}.` }];
    }),
  );
  const deficient = NUTRIENTS.filter((name) => (nutrients[name] as { level: string }).level !== 'adequate');
  const pests = score > 80 ? [] : r.some(PESTS, r.int(0, 2)).map((name) => ({ name, category: 'insect', severity: r.pick(SEVERITIES.slice(1)), affectedParts: r.some(AREAS, 2), confidence: r.int(55, 95) / 100 }));
  const diseases = score > 75 ? [] : r.some(DISEASES, r.int(1, 2)).map((name) => ({ name, category: 'fungal', severity: r.pick(SEVERITIES.slice(1)), affectedParts: r.some(AREAS, 2), confidence: r.int(55, 95) / 100 }));
  const action = () => {
    const [title, details] = r.pick(ACTIONS);
    return { action: title, details, timeline: r.pick(TIMELINES), priority: r.pick(['high', 'medium', 'low']) };
  };
  return {
    overallHealthScore: score,
    detailedAnalysis: {
      plantIdentification: { species, variety: r.pick(varieties), growthStage: r.pick(STAGES), confidence: r.int(70, 99) / 100 },
      overallAssessment: `The ${crop} plants in the photo are at the ${r.pick(STAGES)} stage. ${observations[0]!.finding[0]!.toUpperCase()}${observations[0]!.finding.slice(1)} was found on the ${observations[0]!.area}. Overall vigour is ${score > 75 ? 'good' : score > 50 ? 'fair' : 'poor'}, with a health score of ${score} out of 100. ${diseases.length ? `Symptoms point to ${diseases.map((d) => d.name).join(' and ')}.` : 'No disease symptoms were found.'} ${deficient.length ? `Nutrient levels suggest a shortage of ${deficient.slice(0, 3).join(', ')}.` : 'Nutrient levels look balanced.'}`,
      observations,
      imageQuality: { sharpness: r.pick(['good', 'acceptable', 'blurred']), lighting: r.pick(['daylight', 'overcast', 'harsh sun']), coverage: `${r.int(40, 95)} % of the frame shows foliage` },
    },
    healthAssessment: {
      vigorScore: r.int(3, 10),
      leafColor: r.pick(['dark green', 'light green', 'yellow-green', 'patchy yellow', 'bronzed']),
      leafTexture: r.pick(['firm', 'soft', 'brittle', 'curled', 'leathery']),
      growthPattern: r.pick(['uniform', 'stunted', 'uneven', 'vigorous']),
      structuralIntegrity: r.pick(['intact', 'minor damage', 'broken stems', 'lodging']),
      stressIndicators: r.some(['wilting', 'leaf curl', 'chlorosis', 'necrosis', 'premature leaf drop', 'sunscald'], r.int(0, 3)),
      diseaseSymptoms: diseases.map((d) => d.name),
      severity,
      summary: `Health ${severity === 'none' ? 'is good' : `shows ${severity} stress`}; ${observations.length} observations across ${new Set(observations.map((o) => o.area)).size} parts of the plant.`,
    },
    nutrientStatus: { ...nutrients, primaryDeficiency: deficient[0] ?? null, secondaryDeficiencies: deficient.slice(1, 4), severity: deficient.length > 3 ? 'high' : deficient.length > 1 ? 'moderate' : 'low' },
    pestDisease: {
      pestsDetected: pests,
      diseasesDetected: diseases,
      damagePattern: pests.length + diseases.length === 0 ? 'none' : r.pick(['scattered', 'clustered', 'along the rows', 'field edges first']),
      affectedAreaPercentage: pests.length + diseases.length === 0 ? 0 : r.int(5, 60),
      spreadRisk: pests.length + diseases.length === 0 ? 'low' : r.pick(['moderate', 'high']),
    },
    environmentalStress: {
      waterStatus: r.pick(['adequate', 'mild drought stress', 'waterlogging signs', 'irregular watering']),
      temperatureStress: r.pick(['none', 'heat stress', 'cold damage']),
      lightStress: r.pick(['none', 'shading', 'sunscald']),
      physicalDamage: r.pick(['none', 'hail marks', 'wind damage', 'machinery damage']),
      chemicalDamage: r.pick(['none', 'none', 'herbicide drift suspected']),
      soilIndicators: r.pick(['no visible issues', 'crusting', 'salt deposits', 'compaction likely']),
      primaryStressor: r.pick(['nutrition', 'water', 'disease', 'pests', 'none']),
    },
    recommendations: {
      immediate: Array.from({ length: r.int(1, 3) }, action),
      shortTerm: Array.from({ length: r.int(1, 3) }, action),
      preventive: Array.from({ length: r.int(2, 3) }, action),
      monitoring: r.some(MONITORING, 3).map((parameter) => ({ parameter, frequency: r.pick(['daily', 'every 3 days', 'weekly']), threshold: r.pick(['any increase', 'more than 10 % of plants', 'below 60 % soil moisture', 'two consecutive days']) })),
      resourceEstimation: { waterLitersPerPlantPerDay: r.int(1, 8), fertilizerCostEurPerHa: r.int(20, 180), laborHoursPerHa: r.int(1, 12) },
    },
  };
}
