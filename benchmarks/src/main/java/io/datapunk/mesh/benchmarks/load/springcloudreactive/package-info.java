/**
 * The spring-cloud-reactive variant: Spring Cloud LoadBalancer's exchange filter (round
 * robin over {@code SimpleDiscoveryClient}, with retry) on Spring Boot's
 * {@code WebClient.Builder}, an HTTP interface on it, and Spring Cloud CircuitBreaker's
 * reactive Resilience4j factory, configured as the reference documentation shows.
 */
package io.datapunk.mesh.benchmarks.load.springcloudreactive;
