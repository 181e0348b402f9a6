/**
 * The engine behind the public API. Nothing under this package is API: it may change in
 * any release.
 */
package io.datapunk.mesh.internal;
