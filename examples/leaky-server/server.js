// A small JSON API with a classic leak: responses are "cached" under a key that includes the
// request id, so the cache never hits and never shrinks. Try:
//   npx leak-hunter hunt --workload http://127.0.0.1:47890/users/42 --rate 100 --verify-fix -- node server.js
'use strict';
const http = require('node:http'); // eslint-disable-line @typescript-eslint/no-require-imports

const port = Number(process.env.PORT || 47890);
const responseCache = new Map();
let requestId = 0;

function loadUser(id) {
  return { id, name: `user ${id}`, roles: ['reader'], history: new Array(250).fill(id) };
}

function handle(req, res) {
  const id = Number(req.url.split('/').pop()) || 0;
  const key = `${req.url}#${++requestId}`;
  let body = responseCache.get(key);
  if (!body) {
    body = { user: loadUser(id), servedAt: requestId };
    responseCache.set(key, body);
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id: body.user.id, name: body.user.name }));
}

http.createServer(handle).listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}`));
