/**
 * The call policy, apart from any HTTP client: candidates, attempts, outcome
 * classification, requeue, retry, budget, backoff, deadline and breaker accounting.
 */
package io.datapunk.mesh.internal.engine;
