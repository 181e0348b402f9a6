/**
 * The {@code mesh} Actuator endpoint: the mesh's state as this application sees it.
 */
package io.datapunk.mesh.autoconfigure.actuate;
