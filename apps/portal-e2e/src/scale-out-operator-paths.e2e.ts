import { expect, test } from './scale-out-cluster';

/** Readiness, liveness and metrics are for the balancer's probes and Prometheus, not the internet. */
const OPERATOR_PATHS = [
  '/health/ready',
  '/health/live',
  '/metrics',
  '/HEALTH/Ready',
  '/Metrics',
  '/health/ready/',
  '/%68ealth/ready',
  '//health/ready',
  '/health/ready?probe=1',
];

test.describe('nginx in front of two API nodes', () => {
  test('answers the operator paths 404 itself, in any spelling, while each node answers them at its own address', async ({
    cluster,
  }) => {
    for (const path of OPERATOR_PATHS) {
      const response = await fetch(`${cluster.url}${path}`);
      expect({
        path,
        status: response.status,
        upstream: response.headers.get('x-derm-upstream') ?? '',
        body: await response.json(),
      }).toEqual({ path, status: 404, upstream: '', body: { statusCode: 404, message: expect.any(String) } });
    }
    for (const node of [1, 2]) {
      for (const path of ['/health/ready', '/health/live']) {
        expect({ node, path, status: (await fetch(`http://${cluster.node(node)}${path}`)).status }).toEqual({
          node,
          path,
          status: 200,
        });
      }
    }
    // Everything else still reaches a node: the API description, and a refusal of a signed-out request.
    for (const [path, status] of [
      ['/api/openapi.json', 200],
      ['/api/patients', 401],
    ] as const) {
      const response = await fetch(`${cluster.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.headers.get('x-derm-upstream')).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });
});
