import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureInlineJobs } from '@/lib/jobs/inline';
import { databaseSnapshot, expectDatabaseUnchanged } from '@/test/db-snapshot';
import {
  callAction,
  describeOutcome,
  findBaseline,
  formDataOf,
  isRefusal,
  isSameSitePath,
  isSuccess,
  type Baseline,
  type Outcome,
  RecordingFormData,
} from './actions';
import { discoverActions, type DiscoveredAction } from './discover';
import { hostileValue, neverValidFormText, neverValidValue, prototypeObject, scaryText, showValue } from './inputs';
import { stampPeer } from '@/lib/security/client-address';
import { actAs } from './next-request';
import { ownedIds, WriteWatch } from './probe';
import { checkProperty, prototypeIntact } from './run';
import { createViewer, deleteUsersCreatedSince, newSession, ORIGIN, userIds, type TestViewer } from './viewers';

/**
 * Every server action of app/**\/actions.ts, found by globbing and called with every export, as a
 * hostile client could call it (any arguments: Next decodes them from the request body). Each must
 * answer a MutationResult failure with a message (or Next's 4xx), never throw and never redirect,
 * and write nothing when it refuses. Input of a kind no field may take (NUL, lone surrogates,
 * over 64 KiB, wrong types, prototype keys) must be refused; scary but plausible text (HTML, SQL,
 * RTL marks, combining characters, emoji, odd numbers) may be accepted, or refused without a write.
 *
 * A form action's fields are the ones it reads from the FormData it gets; a valid form is searched
 * for (lib/… validation answers name the fields at fault), so that hostile values are also tried
 * one field at a time in an otherwise valid form, where they reach the database.
 */

vi.mock('next/headers', () => import('./next-request').then((module) => module.nextHeaders));
// refresh() re-renders the page of a server action; outside Next's request it throws.
vi.mock('next/cache', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/cache')>()), refresh: vi.fn() }));

interface ActionUnderTest extends DiscoveredAction {
  /** The fields it reads from a form (empty: it takes positional arguments). */
  fields: string[];
  /** It succeeded with nothing but an empty form: it takes no input (signing out). */
  inputLess: boolean;
  baseline: Baseline | null;
}

// Found when the file is collected (one test per action); probed against the database before the tests.
const actions: ActionUnderTest[] = (await discoverActions()).map((found) => ({ ...found, fields: [], inputLess: false, baseline: null }));

let viewer: TestViewer;
let usersBefore: Set<string>;
let restoreJobs: () => void;

const INPUT_LESS_RUNS = 5;
// The actions' client address (a documentation address): the sign-in action's failures count
// against it, not against the address the suite's own sign-ins come from.
const CLIENT = '198.51.100.66';

function actAsViewer(cookie = viewer.cookie) {
  actAs(stampPeer({ cookie, origin: ORIGIN, host: 'localhost:3000' }, CLIENT));
}

beforeAll(async () => {
  restoreJobs = configureInlineJobs({ maxAttempts: 1, backoffMs: 1 });
  usersBefore = await userIds();
  viewer = await createViewer('user');
  let spare: string | undefined;
  for (const action of actions) {
    // Probed in a session of its own: an action that ignores its input (signing out) may end it.
    spare ??= await newSession(viewer);
    actAsViewer(spare);
    const form = await fieldsReadWithOutcome(action.action);
    if (form.consumedSession) spare = undefined;
    action.fields = form.fields;
    action.inputLess = form.fields.length === 0 && form.consumedSession;
  }
  // What one action creates (a list) is what another needs (an item's list): an action that
  // lacked a record is searched again once the others have run.
  actAsViewer();
  const lacking: ActionUnderTest[] = [];
  for (const action of actions.filter((a) => a.fields.length > 0)) {
    const search = await findBaseline(action.action, action.fields, viewer.id);
    action.baseline = search.found;
    if (!search.found && search.stopped === 'missing record') lacking.push(action);
  }
  for (const action of lacking) action.baseline = (await findBaseline(action.action, action.fields, viewer.id)).found;
}, 120_000);

afterAll(async () => {
  restoreJobs?.();
  await deleteUsersCreatedSince(usersBefore);
});

async function fieldsReadWithOutcome(action: DiscoveredAction['action']): Promise<{ fields: string[]; consumedSession: boolean }> {
  const form = new RecordingFormData();
  const outcome = await callAction(action, [null, form]);
  return { fields: [...form.read].sort(), consumedSession: isSuccess(outcome) };
}

/** The arguments of a form action: its bound ids, a previous state, the form. */
const formArgs = (bound: unknown[], previous: unknown, form: FormData) => [...bound, previous, form];

/** Never-valid input for one action: the kind it must refuse. */
function neverValidArgs(action: ActionUnderTest): fc.Arbitrary<unknown[]> {
  const shapes: fc.Arbitrary<unknown[]>[] = [
    // Not a form where a form is expected, or no argument at all.
    fc.array(neverValidValue, { maxLength: 3 }),
  ];
  if (action.fields.length > 0) {
    const { fields, baseline } = action;
    const bound = baseline?.bound ?? [];
    // One field never valid, the others as in the accepted form (or scary), with prototype keys on the side.
    shapes.push(
      fc
        .record({
          field: fc.constantFrom(...fields),
          bad: neverValidFormText,
          others: fc.dictionary(fc.constantFrom(...fields), scaryText),
          previous: fc.oneof(fc.constant(null), prototypeObject, hostileValue),
          extra: fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', '$ACTION_ID_x', ''), scaryText), { maxLength: 2 }),
        })
        .map(({ field, bad, others, previous, extra }) => {
          const values = baseline ? Object.fromEntries(fields.map((name) => [name, baseline.values[name]!()])) : { ...others };
          values[field] = bad;
          return formArgs(bound, previous, formDataOf(values, extra));
        }),
    );
    if (bound.length > 0 && baseline) {
      // The bound id never valid, the form as accepted.
      shapes.push(
        fc.tuple(neverValidValue, fc.nat({ max: bound.length - 1 })).map(([bad, at]) => {
          const ids: unknown[] = [...bound];
          ids[at] = bad;
          return formArgs(ids, null, formDataOf(Object.fromEntries(fields.map((name) => [name, baseline.values[name]!()]))));
        }),
      );
    }
  }
  return fc.oneof(...shapes);
}

/** Scary input for one action: accepted or refused, never an error. */
function scaryArgs(action: ActionUnderTest, ids: string[]): fc.Arbitrary<unknown[]> {
  const id = ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid();
  if (action.fields.length === 0) return fc.array(fc.oneof(scaryText, id, fc.uuid(), hostileValue), { maxLength: 3 });
  const { fields, baseline } = action;
  if (baseline) {
    return fc.record({ field: fc.constantFrom(...fields), value: scaryText }).map(({ field, value }) => {
      const values = Object.fromEntries(fields.map((name) => [name, baseline.values[name]!()]));
      values[field] = value;
      return formArgs(baseline.bound, null, formDataOf(values));
    });
  }
  return fc
    .record({ bound: fc.array(fc.oneof(id, scaryText), { maxLength: 1 }), values: fc.record(Object.fromEntries(fields.map((name) => [name, scaryText]))) })
    .map(({ bound, values }) => formArgs(bound, null, formDataOf(values)));
}

const show = (args: unknown[]) => args.map(showValue);

function expectRefusal(action: ActionUnderTest, args: unknown[], outcome: Outcome) {
  expect(isRefusal(outcome), `${action.name}(${show(args).join(', ')}) must be refused with a message, but ${describeOutcome(outcome)}`).toBe(true);
}

describe('server actions refuse never-valid input and write nothing', () => {
  it('found the actions', () => {
    expect(actions.length).toBeGreaterThan(0);
    // Reported with the run: what the suite could attack in depth.
    console.info(
      actions.map((a) => `${a.file} ${a.name}: ${a.inputLess ? 'takes no input' : a.fields.length ? `form [${a.fields.join(', ')}]${a.baseline ? `, accepted form found${a.baseline.bound.length ? ' (with a bound id)' : ''}` : ', no accepted form found'}` : 'positional arguments'}`).join('\n'),
    );
  });

  it.each(actions.map((action) => [`${action.name} (${action.file})`, action] as const))('%s', async (_label, action) => {
    if (action.inputLess) return;
    actAsViewer();
    // The watch lets background jobs of earlier tests finish first.
    const watch = await WriteWatch.start();
    const before = await databaseSnapshot();
    await checkProperty(
      neverValidArgs(action),
      async (args) => {
        const outcome = await callAction(action.action, args);
        // Read before any assertion: a failing run must not leave its writes to the shrinking runs.
        const changes = await watch.changes();
        expectRefusal(action, args, outcome);
        expect(changes, `${action.name}(${show(args).join(', ')}) refused but wrote`).toEqual([]);
        expect(prototypeIntact()).toBe(true);
      },
      40,
    );
    await expectDatabaseUnchanged(before, `${action.name}: a refused input wrote rows`);
  });
});

describe('server actions take scary input as data or refuse it, never with an error', () => {
  it.each(actions.map((action) => [`${action.name} (${action.file})`, action] as const))('%s', async (_label, action) => {
    actAsViewer();
    // Ids the viewer owns, except those an accepted form is bound to (a delete must not take them away).
    const reserved = new Set(actions.flatMap((a) => a.baseline?.bound ?? []));
    const ids = (await ownedIds(viewer.id)).filter((id) => !reserved.has(id));
    const watch = await WriteWatch.start();
    await checkProperty(
      action.inputLess ? fc.array(hostileValue, { maxLength: 3 }) : scaryArgs(action, ids),
      async (args) => {
        // An action that takes no input (signing out) ends its session: each run gets a spare one.
        if (action.inputLess) actAsViewer(await newSession(viewer));
        const outcome = await callAction(action.action, args);
        const changes = await watch.changes();
        const label = `${action.name}(${show(args).join(', ')})`;
        expect(outcome.kind, `${label} ${describeOutcome(outcome)}`).not.toBe('threw');
        if (outcome.kind === 'redirect') expect(isSameSitePath(outcome.url), `${label} redirected off the site: ${outcome.url}`).toBe(true);
        if (!isSuccess(outcome)) {
          expectRefusal(action, args, outcome);
          expect(changes, `${label} refused but wrote`).toEqual([]);
        }
        expect(prototypeIntact()).toBe(true);
      },
      action.inputLess ? INPUT_LESS_RUNS : 30,
    );
  });
});
