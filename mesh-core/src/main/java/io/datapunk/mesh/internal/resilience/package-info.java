/**
 * Resilience of calls: circuit breakers, retry budgets, outlier ejection and deadlines.
 */
package io.datapunk.mesh.internal.resilience;
