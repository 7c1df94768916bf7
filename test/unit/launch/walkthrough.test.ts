// The "Find and fix a memory leak" walkthrough as contributed: every step can be acted on, has a
// picture that follows the theme, and knows when it is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const walkthrough = manifest.contributes.walkthroughs.find((w: { id: string }) => w.id === 'leakHunter.findAndFixLeak');
const ours = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
/** VS Code's own commands the steps link to. */
const builtIn = new Set(['workbench.action.debug.start', 'debug.addConfiguration']);

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; markdown?: string; altText?: string };
  completionEvents: string[];
}

test('the walkthrough has 3 to 4 steps, each with a command link, media and completion events', () => {
  assert.ok(walkthrough, 'contributed');
  const steps: Step[] = walkthrough.steps;
  assert.ok(steps.length >= 3 && steps.length <= 4, `${steps.length} steps`);
  for (const s of steps) {
    const links = [...s.description.matchAll(/\]\(command:([\w.]+)\)/g)].map(m => m[1]);
    assert.ok(links.length > 0, `${s.id} has no command link`);
    for (const c of links) assert.ok(ours.has(c) || builtIn.has(c), `${s.id} links to unknown command ${c}`);
    assert.ok(s.completionEvents.length > 0, `${s.id} has no completion event`);
    for (const e of s.completionEvents) {
      assert.match(e, /^(onCommand|onView|onContext|onSettingChanged|onLink|onStepSelected|extensionInstalled):?/, `${s.id}: ${e}`);
      const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
      if (cmd) assert.ok(ours.has(cmd), `${s.id} completes on unknown command ${cmd}`);
    }
    const media = s.media.svg ?? s.media.markdown;
    assert.ok(media && media.startsWith('media/walkthrough/') && fs.existsSync(path.join(root, media)), `${s.id} media ${media}`);
    if (s.media.svg) assert.ok(s.media.altText, `${s.id} SVG has no altText`);
  }
});

test('the step pictures use theme colour variables as attributes (the SVG webview CSP drops <style>)', () => {
  for (const s of walkthrough.steps as Step[]) {
    if (!s.media.svg) continue;
    const svg = fs.readFileSync(path.join(root, s.media.svg), 'utf8');
    assert.doesNotMatch(svg, /<style/, `${s.media.svg} has a <style> element`);
    assert.doesNotMatch(svg, /\sclass="/, `${s.media.svg} relies on classes`);
    assert.match(svg, /fill="var\(--vscode-[\w-]+, #[0-9a-f]{3,6}\)"/i, `${s.media.svg} does not use theme variables with fallbacks`);
    assert.doesNotMatch(svg, /<script|href="http/, `${s.media.svg} loads or runs something`);
  }
});
