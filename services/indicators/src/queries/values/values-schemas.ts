import { z } from 'zod';
import { INDICATOR_IDS } from '@cnscd/contracts';

/** The answers of the indicator reads, as the API document describes them (the code's types are in indicator-values.ts). */
const Indicator = z.enum(INDICATOR_IDS);
const Share = z
  .number()
  .nullable()
  .describe(
    'Tỷ lệ 0–1, hoặc số đếm với chỉ tiêu đếm; null khi chưa có mẫu số / A share 0–1, or a count for counted indicators; null without a denominator',
  );

export const IndicatorValueAnswer = z
  .object({
    indicator: Indicator,
    village: z.string().describe('`*`: cả xã / the whole commune'),
    villageName: z.string().nullable(),
    numerator: z.number(),
    denominator: z.number().nullable(),
    value: Share,
    target: z.number(),
    gap: z.number().nullable(),
    missing: z.literal('estimate').nullable(),
    villagesWithoutEstimate: z.array(z.string()).optional(),
  })
  .meta({ id: 'IndicatorValue' });

export const ValuesAnswer = z
  .object({
    date: z.iso.date(),
    knownAt: z.iso.datetime().nullable(),
    values: z.array(IndicatorValueAnswer),
  })
  .meta({ id: 'Values' });

export const SeriesAnswer = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    grain: z.enum(['day', 'week', 'month', 'quarter']),
    knownAt: z.iso.datetime().nullable(),
    series: z.array(
      z.object({
        indicator: Indicator,
        village: z.string(),
        villageName: z.string().nullable(),
        points: z.array(
          z.object({
            day: z.iso.date().describe('Ngày cuối của kỳ / The period’s last day'),
            numerator: z.number(),
            denominator: z.number().nullable(),
            value: Share,
            target: z.number(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Series' });

export const IndicatorDefinitions = z
  .array(
    z.object({
      id: Indicator,
      no: z.string(),
      vi: z.string(),
      en: z.string(),
      kind: z.enum(['residents', 'merchants', 'count']),
      ageBand: z.enum(['14+', '15+', '18+']).optional(),
      minAge: z.number().int().optional(),
      defaultStage: z.string().optional(),
      stages: z.array(z.string()).optional(),
      targets: z.object({ 2025: z.number(), 2030: z.number() }),
      countedStage: z.string().nullable(),
      targetsByYear: z.record(z.string(), z.number()),
    }),
  )
  .meta({ id: 'IndicatorDefinitions' });

export const ProvinceValuesAnswer = z
  .object({
    date: z.iso.date(),
    knownOn: z.iso.date().nullable(),
    communes: z.array(
      z.object({
        commune: z.string(),
        name: z.string().nullable(),
        values: z.array(IndicatorValueAnswer.omit({ villageName: true, villagesWithoutEstimate: true })),
      }),
    ),
    province: z.array(
      z.object({
        indicator: Indicator,
        numerator: z.number(),
        denominator: z.number().nullable(),
        value: Share,
      }),
    ),
  })
  .meta({ id: 'ProvinceValues' });

export const VillagesAnswer = z
  .object({
    villages: z.array(
      z.object({
        villageCode: z.string(),
        name: z.string().nullable(),
        since: z.iso.date(),
        retiredOn: z.iso.date().nullable(),
        successors: z.array(z.string()),
        names: z.array(z.object({ name: z.string(), from: z.iso.date() })),
      }),
    ),
  })
  .meta({ id: 'Villages' });
