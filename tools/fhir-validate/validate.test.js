// Tests that validate.js is not a rubber stamp: the Questionnaire and
// responses digicheck writes pass, and each one broken in one way fails,
// caught by the check meant to catch it. The broken resources are made
// from the real output, so every rule is tested on the resources it
// guards.
//
// The real output comes from FHIR_QUESTIONNAIRE and FHIR_RESPONSES (files
// check.sh writes), or else from running the Go sample program.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');

const { validateAll } = require('./validate.js');

const repo = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fhir-validate-test-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function sample(what, envName) {
  if (process.env[envName]) return fs.readFileSync(process.env[envName], 'utf8');
  return execFileSync('go', ['run', './fhir/internal/fhirsample', what], { cwd: repo, encoding: 'utf8' });
}

const questionnaireText = sample('questionnaire', 'FHIR_QUESTIONNAIRE');
const responsesText = sample('responses', 'FHIR_RESPONSES');
const resourcesText = sample('resources', 'FHIR_RESOURCES');
const questionnaire = JSON.parse(questionnaireText);
const responses = responsesText.trim().split('\n').map((l) => JSON.parse(l));

let n = 0;
function write(name, text) {
  const f = path.join(tmp, `${++n}-${name}`);
  fs.writeFileSync(f, text);
  return f;
}
const qFile = write('questionnaire.json', questionnaireText);

const clone = (x) => JSON.parse(JSON.stringify(x));
const byID = (id) => clone(responses.find((r) => r.id.endsWith(id)));
// find returns the item with linkId anywhere under items.
function find(items, linkId) {
  for (const it of items || []) {
    if (it.linkId === linkId) return it;
    const inner = find(it.item, linkId) || find((it.answer || []).flatMap((a) => a.item || []), linkId);
    if (inner) return inner;
  }
  return undefined;
}
function group(r, linkId) {
  return r.item.find((g) => g.item && g.item.some((i) => i.linkId === linkId));
}
const codingOf = (linkId, code, display) => ({
  system: `${questionnaire.url}/CodeSystem/${linkId}`,
  code,
  display,
});

// expectError validates files and wants an error from check whose text
// matches re.
function expectError(files, check, re) {
  const { errors } = validateAll(files);
  assert.ok(
    errors.some((e) => e.includes(`[${check}]`) && re.test(e)),
    `want a [${check}] error matching ${re}, got:\n${errors.join('\n') || '(no errors)'}`,
  );
}

test('the Questionnaire and every sample response are valid', () => {
  const { count, errors } = validateAll([qFile, write('responses.ndjson', responsesText)]);
  assert.deepEqual(errors, []);
  assert.equal(count, 1 + responses.length);
  // The samples cover every status the program writes.
  assert.deepEqual(
    [...new Set(responses.map((r) => r.status))].sort(),
    ['amended', 'completed', 'entered-in-error'],
  );
});

// Broken responses: [name, mutate(response), check, message pattern].
// Sample 2 has the interpreter's language (a string item) and the optional
// section; sample 1 has no interpreter.
const brokenResponses = [
  ['missing status', '2', (r) => delete r.status, 'structure', /QuestionnaireResponse\.status.*Missing required property/],
  ['status not in the value set', '2', (r) => { r.status = 'done'; }, 'terminology', /status: code "done" is not in .*questionnaire-answers-status/],
  ['item without linkId', '2', (r) => delete r.item[0].item[0].linkId, 'structure', /linkId.*Missing required property/],
  ['string where a number goes', '2', (r) => { find(r.item, 'comms.language').answer[0].valueString = 5; }, 'structure', /expected string/],
  ['authored not a dateTime', '2', (r) => { r.authored = 'yesterday'; }, 'structure', /authored.*dateTime/i],
  ['unknown element', '2', (r) => { r.score = 3; }, 'structure', /score/],
  ['two value[x] in one answer', '2', (r) => { find(r.item, 'comms.language').answer[0].valueCoding = codingOf('comms.language', 'pl'); }, 'structure', /[Cc]onflicting choice/],
  ['group with both answer and items (qrs-1)', '2', (r) => { r.item[0].answer = [{ valueString: 'x' }]; }, 'invariants', /qrs-1/],
  ['valueCoding where a string belongs', '2', (r) => {
    find(r.item, 'comms.language').answer = [{ valueCoding: codingOf('comms.language', 'pl', 'Polish') }];
  }, 'questionnaire', /valueCoding does not answer a string item/],
  ['valueString where a coding belongs', '2', (r) => { find(r.item, 'access.afford').answer = [{ valueString: 'never' }]; }, 'questionnaire', /valueString does not answer a choice item/],
  ['linkId not in the Questionnaire', '2', (r) => { find(r.item, 'access.afford').linkId = 'access.phones'; }, 'questionnaire', /"access\.phones" is not an item/],
  ['question moved to another group', '2', (r) => {
    const it = find(r.item, 'access.afford');
    group(r, 'access.afford').item = group(r, 'access.afford').item.filter((i) => i !== it);
    group(r, 'skills.tasks').item.push(it);
  }, 'questionnaire', /"access\.afford" is not an item/],
  ['code not among the answerOptions', '2', (r) => { find(r.item, 'access.devices').answer[0].valueCoding.code = 'tablet'; }, 'questionnaire', /not one of the answerOptions/],
  ['code from another item\'s system', '2', (r) => { find(r.item, 'access.afford').answer[0].valueCoding.system = `${questionnaire.url}/CodeSystem/reading.help`; }, 'questionnaire', /not one of the answerOptions/],
  ['display differs from the option', '2', (r) => { find(r.item, 'access.afford').answer[0].valueCoding.display = 'Nope'; }, 'questionnaire', /display "Nope" differs/],
  ['two answers to a single choice', '2', (r) => {
    find(r.item, 'access.afford').answer.push({ valueCoding: codingOf('access.afford', 'often', 'Often') });
  }, 'questionnaire', /2 answers but does not repeat/],
  ['required item missing from a completed response', '2', (r) => {
    const g = group(r, 'motivation.want');
    g.item = g.item.filter((i) => i.linkId !== 'motivation.want');
  }, 'questionnaire', /required item motivation\.want is not answered/],
  ['required group missing from a completed response', '2', (r) => { r.item = r.item.filter((g) => g.linkId !== 'skills'); }, 'questionnaire', /required item skills is not answered/],
  ['answer to an item that is not enabled', '1', (r) => {
    group(r, 'comms.needs').item.splice(1, 0, { linkId: 'comms.language', text: 'x', answer: [{ valueString: 'Polish' }] });
  }, 'questionnaire', /comms\.language is answered but not enabled/],
  ['text longer than maxLength', '2', (r) => { find(r.item, 'equity.postcode').answer[0].valueString = 'LS6 1AB'; }, 'questionnaire', /more than maxLength 4/],
  ['items out of order', '2', (r) => { const g = r.item[0].item; [g[0], g[1]] = [g[1], g[0]]; }, 'questionnaire', /out of the Questionnaire's order/],
  ['display item in a response', '2', (r) => { r.item[0].item.push({ linkId: 'access.devices.hint' }); }, 'questionnaire', /is not an item here/],
  ['questionnaire version that was not given', '2', (r) => { r.questionnaire = r.questionnaire.replace(/\|1$/, '|2'); }, 'questionnaire', /no Questionnaire .*\|2 among the files/],
  ['no questionnaire at all', '2', (r) => delete r.questionnaire, 'questionnaire', /no Questionnaire/],
];

for (const [name, id, mutate, check, re] of brokenResponses) {
  test(`a response with ${name} fails [${check}]`, () => {
    const r = byID(id);
    mutate(r);
    expectError([qFile, write('broken.json', JSON.stringify(r))], check, re);
  });
}

// Broken Questionnaires.
const brokenQuestionnaires = [
  ['missing status', (q) => delete q.status, 'structure', /Questionnaire\.status.*Missing required property/],
  ['status not in the value set', (q) => { q.status = 'live'; }, 'terminology', /status: code "live" is not in .*publication-status/],
  ['item type not in the value set', (q) => { q.item[0].item[0].type = 'multi'; }, 'terminology', /item\[0\]\.item\[0\]\.type: code "multi" is not in .*item-type/],
  ['the abstract item type "question"', (q) => { find(q.item, 'comms.language').type = 'question'; }, 'terminology', /type: code "question" is not in .*item-type/],
  ['a subjectType that is not a resource type', (q) => { q.subjectType = ['Patients']; }, 'terminology', /subjectType\[0\]: code "Patients"/],
  ['enableWhen operator not in the value set', (q) => { find(q.item, 'comms.language').enableWhen[0].operator = '~'; }, 'terminology', /operator: code "~" is not in .*questionnaire-enable-operator/],
  ['a repeated linkId (que-2)', (q) => { q.item[0].item[1].linkId = q.item[0].item[0].linkId; }, 'invariants', /que-2/],
  ['a group with no items (que-1)', (q) => { q.item[0].item = []; }, 'invariants', /que-1/],
  ['maxLength on a choice item (que-10)', (q) => { q.item[0].item[0].maxLength = 10; }, 'invariants', /que-10/],
  ['an extension with a value and extensions (ext-1)', (q) => {
    q.item[0].item[0].answerOption.find((o) => o.extension).extension[0].extension = [{ url: 'x', valueString: 'y' }];
  }, 'invariants', /ext-1/],
];

for (const [name, mutate, check, re] of brokenQuestionnaires) {
  test(`a Questionnaire with ${name} fails [${check}]`, () => {
    const q = clone(questionnaire);
    mutate(q);
    expectError([write('broken-q.json', JSON.stringify(q))], check, re);
  });
}

test('two different Questionnaires with one url|version fail', () => {
  const q = clone(questionnaire);
  q.title = 'Another title';
  expectError([qFile, write('other-q.json', JSON.stringify(q))], 'questionnaire', /differs from the one in/);
  assert.deepEqual(validateAll([qFile, write('same-q.json', questionnaireText)]).errors, []);
});

test('a repeated response id fails', () => {
  const r = JSON.stringify(byID('1'));
  expectError([qFile, write('twice.ndjson', `${r}\n${r}\n`)], 'structure', /same id as/);
});

test('a line that is not JSON fails with its line number', () => {
  const f = write('bad.ndjson', `${JSON.stringify(byID('1'))}\n{"resourceType": \n`);
  assert.throws(() => validateAll([qFile, f]), new RegExp(`${path.basename(f)}:2: not JSON`));
});

// The command line: exit 0 only when every resource is valid, 1 with the
// errors listed when one is not, 2 when there is nothing to check.
function cli(...args) {
  return spawnSync(process.execPath, [path.join(__dirname, 'validate.js'), ...args], { encoding: 'utf8' });
}

test('the command exits 0 on valid files and 1 listing the errors otherwise', () => {
  const good = cli(qFile, write('responses.ndjson', responsesText));
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, new RegExp(`${1 + responses.length} resources valid`));

  const r = byID('2');
  delete r.status;
  r.item[0].item[0].linkId = 'nowhere';
  const bad = cli(qFile, write('broken.json', JSON.stringify(r)));
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /\[structure\].*status/);
  assert.match(bad.stdout, /\[questionnaire\].*nowhere/);

  assert.equal(cli().status, 2);
  assert.equal(cli(write('empty.ndjson', '\n')).status, 1);
});

// The resources derived from the responses: each valid, each pointing at
// a response among the files, and a broken one caught.
const derived = resourcesText.trim().split('\n').map((l) => JSON.parse(l));
const derivedOf = (type) => clone(derived.find((r) => r.resourceType === type));

test('the resources derived from the responses are valid and point at them', () => {
  const rFile = write('responses.ndjson', responsesText);
  const { count, errors } = validateAll([qFile, rFile, write('resources.ndjson', resourcesText)]);
  assert.deepEqual(errors, []);
  assert.equal(count, 1 + responses.length + derived.length);
  for (const type of ['Observation', 'Flag', 'ServiceRequest']) {
    assert.ok(derived.some((r) => r.resourceType === type), `no ${type} among the samples' resources`);
  }
  // Without the responses, every derived resource's link dangles.
  expectError([qFile, write('alone.ndjson', resourcesText)], 'references', /QuestionnaireResponse\/.* is not among the files/);
});

const brokenDerived = [
  ['Observation without status', 'Observation', (r) => delete r.status, 'structure', /Observation\.status.*Missing required property/],
  ['Observation status not in the value set', 'Observation', (r) => { r.status = 'done'; }, 'terminology', /status: code "done"/],
  ['Flag status not in the value set', 'Flag', (r) => { r.status = 'open'; }, 'terminology', /status: code "open"/],
  ['ServiceRequest without intent', 'ServiceRequest', (r) => delete r.intent, 'structure', /ServiceRequest\.intent.*Missing required property/],
  ['derivedFrom a response not there', 'Observation', (r) => { r.derivedFrom[0].reference = 'QuestionnaireResponse/nowhere'; }, 'references', /QuestionnaireResponse\/nowhere is not among the files/],
];

for (const [name, type, mutate, check, re] of brokenDerived) {
  test(`a broken ${type} fails: ${name}`, () => {
    const r = derivedOf(type);
    mutate(r);
    expectError([qFile, write('responses.ndjson', responsesText), write(`${type}.json`, JSON.stringify(r))], check, re);
  });
}

test('a contained resource nothing references fails (dom-3)', () => {
  const r = clone(responses.find((x) => x.contained));
  assert.ok(r, 'no sample response has a contained author');
  r.author = { display: 'someone' };
  expectError([qFile, write('dom3.json', JSON.stringify(r))], 'invariants', /dom-3 not met/);
  const ok = clone(responses.find((x) => x.contained));
  const { errors } = validateAll([qFile, write('dom3-ok.json', JSON.stringify(ok))]);
  assert.deepEqual(errors, []);
});
