/**
 * The {@code mesh.*} configuration tree, its validation rules and its startup failure
 * analysis.
 */
package io.datapunk.mesh.internal.config;
