/**
 * The inventory app: answers {@code GET /items/{id}}, and says which replica answered.
 */
package io.datapunk.mesh.sample.inventory;
