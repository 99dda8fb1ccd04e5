import { z } from 'zod';
import { text } from '@/lib/validation';
import { GRID_COLUMNS, MAX_ROWS, MEMBER_ROLES, LIMITS } from './types';

/** Empty form fields mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
/** A checkbox: checked ('on', 'true', true) or not (absent, '', 'false', false); anything else is refused. */
const CHECKBOX_VALUES = new Map<unknown, boolean>([[true, true], ['on', true], ['true', true], [false, false], ['', false], ['false', false], [undefined, false], [null, false]]);
const checkbox = z.preprocess((value) => (CHECKBOX_VALUES.has(value) ? CHECKBOX_VALUES.get(value) : value), z.boolean('Tick the box or leave it empty.'));

export const projectInputSchema = z.object({
  name: text('Give the project a name.').trim().min(1, 'Give the project a name.').max(120, 'Use at most 120 characters.'),
});

export const dashboardInputSchema = z.object({
  title: text('Give the dashboard a title.').trim().min(1, 'Give the dashboard a title.').max(120, 'Use at most 120 characters.'),
  isPublic: checkbox.default(false),
});

export const inviteInputSchema = z.object({
  email: z.preprocess(blankToUndefined, z.email('Enter the e-mail address of a Brisk account.').max(320).transform((email) => email.toLowerCase())),
  role: z.enum(MEMBER_ROLES, 'Choose Editor or Viewer.'),
});

export const memberRoleSchema = z.enum(MEMBER_ROLES, 'Choose Editor or Viewer.');

export const widgetWidth = z.coerce.number('Choose a width.').int('Choose a whole number of columns.').min(1, 'At least 1 column.').max(GRID_COLUMNS, `At most ${GRID_COLUMNS} columns.`);
export const widgetHeight = z.coerce.number('Choose a height.').int('Choose a whole number of rows.').min(1, 'At least 1 row.').max(MAX_ROWS, `At most ${MAX_ROWS} rows.`);

/** A new component: its type; config and size default to the widget's own. */
export const addComponentSchema = z.object({
  type: z.string('Choose a widget.').regex(/^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9-]*$/, 'Choose a widget from the list.'),
  config: z.unknown().optional(),
  width: widgetWidth.optional(),
  height: widgetHeight.optional(),
});

/** A component's new settings: any of config, width and height. */
export const updateComponentSchema = z
  .object({ config: z.unknown().optional(), width: widgetWidth.optional(), height: widgetHeight.optional() })
  .refine((value) => value.config !== undefined || value.width !== undefined || value.height !== undefined, { message: 'Nothing to change.', path: ['form'] });

/** A dashboard's components in their new order: each of them once. */
export const reorderSchema = z.array(z.guid('Not a valid id.'), 'Give the components in their new order.').max(LIMITS.components, `A dashboard has at most ${LIMITS.components} components.`);

/** The components a dashboard page asks the content of (below the fold, or retried). */
export const componentIdsSchema = z.array(z.guid('Not a valid id.'), 'Give the components to load.').min(1, 'Give the components to load.').max(LIMITS.components, `A dashboard has at most ${LIMITS.components} components.`);

/** The bootstrap API's query (plan 004, phase 7B): a dashboard to load with the user and server status. */
export const bootstrapQuerySchema = z.object({ dashboard: z.guid('Not a dashboard id.').optional() });

/** A member's id in a write: an account id (text PostgreSQL can store), else it names nobody. */
export const memberIdSchema = text().min(1).max(200);
