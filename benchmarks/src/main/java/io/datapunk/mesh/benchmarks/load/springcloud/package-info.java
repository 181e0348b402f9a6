/**
 * The spring-cloud variant: Spring Cloud LoadBalancer (round robin over
 * {@code SimpleDiscoveryClient}, with retry), an HTTP interface on a
 * {@code @LoadBalanced RestClient.Builder}, and Spring Cloud CircuitBreaker with
 * Resilience4j, configured as the reference documentation shows.
 */
package io.datapunk.mesh.benchmarks.load.springcloud;
