/**
 * A territory (région, département, métropole, intercommunalité) that embeds Pas à pas: one YAML
 * file per territory in config/territories/. This is the part the web chat needs (name, branding,
 * allowed origins); hours, places and channels are added by the territories issue.
 */
import { z } from 'zod';
import { LocalizedText } from '../guides/schema';
import { Hours } from './hours';

const Origin = z
  .string()
  .refine((s) => s === '$PUBLIC_BASE_URL' || /^https?:\/\/[^/\s]+$/.test(s), 'an origin: scheme://host[:port], no path');

export const Territory = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    kind: z.enum(['région', 'département', 'métropole', 'intercommunalité', 'démonstration']),
    branding: z
      .object({
        primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #000091').default('#000091'),
        logoUrl: z.url({ protocol: /^https?$/ }).optional(),
        greeting: LocalizedText.optional().describe('Shown above the chat, e.g. "Besoin d\'aide pour une démarche ?"'),
      })
      .strict()
      .default({ primaryColor: '#000091' }),
    widget: z
      .object({
        allowedOrigins: z.array(Origin).default([]).describe('Sites allowed to embed the widget; $PUBLIC_BASE_URL = this service.'),
      })
      .strict()
      .default({ allowedOrigins: [] }),
    privacyUrl: z.url({ protocol: /^https$/ }).optional(),
    hours: z
      .string()
      .default('24/7')
      .superRefine((spec, ctx) => {
        const problem = Hours.validate(spec);
        if (problem) ctx.addIssue({ code: 'custom', message: `opening_hours: ${problem}` });
      })
      .describe('When mediators answer, in OSM opening_hours syntax (Europe/Paris, French public holidays), e.g. "Mo-Fr 09:00-12:00,14:00-17:00; PH off".'),
    handoff: z
      .object({
        mode: z.enum(['queue', 'botframework']).default('queue').describe('Our queue, or Bot Framework handoff events to an external agent hub.'),
        maxWaitMinutes: z.number().int().min(1).max(240).default(20),
        leaseSeconds: z.number().int().min(15).max(600).default(90),
      })
      .strict()
      .default({ mode: 'queue', maxWaitMinutes: 20, leaseSeconds: 90 }),
  })
  .strict();
export type Territory = z.infer<typeof Territory>;
