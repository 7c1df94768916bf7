import '../test/domSetup';
import { afterEach, beforeEach, describe, test } from 'node:test';
// eslint-disable-next-line no-restricted-imports -- tests run in Node's test runner, not in the webview
import assert from 'node:assert/strict';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import type { ComparisonRow, ComparisonSortKey, SortDirection, WebviewToHostMessage } from '../../../src/shared/webview';
import { queryComparisonPage } from '../../../src/shared/webview';
import { createFakeHost } from '../test/fakeHost';
import type { FakeHost } from '../test/fakeHost';
import { row } from '../test/builders';
import { ComparisonTable, ROW_HEIGHT } from './ComparisonTable';

const TOTAL = 100_000;
// Rows are built on demand: the host side of the test pages through them the way the server does.
const allRows: ComparisonRow[] = Array.from({ length: TOTAL }, (_, i) => row(i));

type PageRequest = Extract<WebviewToHostMessage, { type: 'requestComparisonPage' }>;

function Harness({ host }: { host: FakeHost }) {
  const [sort, setSort] = useState<{ key: ComparisonSortKey; direction: SortDirection }>({ key: 'retainedDelta', direction: 'desc' });
  const [filter, setFilter] = useState('');
  return (
    <ComparisonTable
      channel={host.channel}
      summary={{ total: TOTAL, rungs: 3 }}
      epoch={1}
      sort={sort}
      filter={filter}
      initialScrollTop={0}
      onSortChange={setSort}
      onFilterChange={setFilter}
      onScrollSettled={() => undefined}
    />
  );
}

let host: FakeHost;
let answered: Set<number>;
let stop: () => void;

/** Answers every page request not yet answered, as the host would. */
function answerPending() {
  for (const r of host.of('requestComparisonPage')) {
    if (answered.has(r.requestId)) continue;
    answered.add(r.requestId);
    const query = { offset: r.offset, limit: r.limit, sort: r.sort, filter: r.filter };
    const page = queryComparisonPage(allRows, query);
    host.send({ type: 'comparisonPage', requestId: r.requestId, query, total: page.total, rows: page.rows });
  }
}
const lastRequest = (): PageRequest => host.of('requestComparisonPage').at(-1)!;
const renderedRows = () => screen.queryAllByTestId('comparison-row');

beforeEach(() => {
  host = createFakeHost();
  answered = new Set();
  stop = host.channel.start();
});
afterEach(() => {
  cleanup();
  stop();
});

describe('ComparisonTable', () => {
  test('asks for the first page and renders only a window of 100k rows', () => {
    render(<Harness host={host} />);
    const first = lastRequest();
    assert.deepEqual(
      { offset: first.offset, limit: first.limit, sort: first.sort, filter: first.filter },
      { offset: 0, limit: 200, sort: { key: 'retainedDelta', direction: 'desc' }, filter: '' },
    );
    answerPending();
    const rows = renderedRows();
    assert.ok(rows.length > 10 && rows.length < 60, `rendered ${rows.length} rows`);
    assert.equal(screen.getByRole('grid').getAttribute('aria-rowcount'), String(TOTAL + 1));
    assert.equal(rows[0].querySelector('[role="gridcell"]')?.textContent, `Class0${TOTAL - 1}`);
    assert.equal(host.of('requestComparisonPage').length, 1, 'one page covers the view');
  });

  test('sorting asks for a new first page, toggling direction on the second click', () => {
    render(<Harness host={host} />);
    answerPending();
    fireEvent.click(screen.getByRole('button', { name: /Δ count/ }));
    assert.deepEqual([lastRequest().sort, lastRequest().offset], [{ key: 'countDelta', direction: 'desc' }, 0]);
    fireEvent.click(screen.getByRole('button', { name: /Δ count/ }));
    assert.deepEqual(lastRequest().sort, { key: 'countDelta', direction: 'asc' });
    answerPending();
    assert.equal(renderedRows()[0].querySelector('[role="gridcell"]')?.textContent, 'Class000000');
    const header = screen.getByRole('columnheader', { name: /Δ count/ });
    assert.equal(header.getAttribute('aria-sort'), 'ascending');
  });

  test('filtering sends the filter text once typing pauses, and shows the filtered count', async () => {
    render(<Harness host={host} />);
    answerPending();
    const before = host.of('requestComparisonPage').length;
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'Class001' } });
    assert.equal(host.of('requestComparisonPage').length, before, 'no request on every keystroke');
    await act(() => new Promise(r => setTimeout(r, 250)));
    assert.equal(lastRequest().filter, 'Class001');
    assert.equal(lastRequest().offset, 0);
    answerPending();
    assert.match(screen.getByTestId('row-count').textContent ?? '', /^1,000 of 100,000 classes/);
    assert.ok(renderedRows().every(r => r.textContent?.includes('Class001')));
  });

  test('scrolling far down requests the page in view, not the pages in between', () => {
    render(<Harness host={host} />);
    answerPending();
    const list = screen.getByTestId('virtual-list');
    act(() => {
      list.scrollTop = (50_000 - 5) * ROW_HEIGHT;
      fireEvent.scroll(list);
    });
    const offsets = host.of('requestComparisonPage').map(r => r.offset);
    assert.deepEqual(offsets, [0, 49_800, 50_000], 'the window straddles two pages, plus the first page');
    answerPending();
    const rows = renderedRows();
    assert.ok(rows.length < 60, `rendered ${rows.length} rows`);
    const indices = rows.map(r => Number(r.getAttribute('aria-rowindex')));
    assert.ok(indices.includes(49_995 + 2) && indices.includes(50_005 + 2), `rows on screen: ${indices[0]}…${indices.at(-1)}`);
  });

  test('an answer to an older sort is dropped', () => {
    render(<Harness host={host} />);
    const stale = lastRequest();
    fireEvent.click(screen.getByRole('button', { name: /^Class/ }));
    const query = { offset: 0, limit: 200, sort: stale.sort, filter: '' };
    host.send({ type: 'comparisonPage', requestId: stale.requestId, query, total: TOTAL, rows: queryComparisonPage(allRows, query).rows });
    assert.equal(renderedRows().length, 0, 'stale rows shown');
    answered.add(stale.requestId);
    answerPending();
    assert.equal(renderedRows()[0].querySelector('[role="gridcell"]')?.textContent, 'Class000000');
  });

  test('a page error from the host is shown in the table', () => {
    render(<Harness host={host} />);
    host.send({ type: 'error', message: 'The analysis server restarted', requestId: lastRequest().requestId });
    assert.match(screen.getByRole('alert').textContent ?? '', /analysis server restarted/);
  });

  test('arrow keys move the active row', () => {
    render(<Harness host={host} />);
    answerPending();
    const list = screen.getByTestId('virtual-list');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    const active = list.getAttribute('aria-activedescendant');
    assert.ok(active, 'no active row');
    assert.equal(document.getElementById(active)?.getAttribute('aria-rowindex'), '3');
    assert.equal(document.getElementById(active)?.getAttribute('aria-selected'), 'true');
  });
});
