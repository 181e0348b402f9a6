/**
 * HTTP service groups ({@code @ImportHttpServices}, Spring Framework 7) whose name is a
 * mesh service, sent through the mesh (Spring Boot 4 glue only).
 */
package io.datapunk.mesh.autoconfigure.client.group;
