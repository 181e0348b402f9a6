package io.datapunk.mesh.autoconfigure.client.scan.bad;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.service.annotation.GetExchange;

@MeshClient("Bad_Name")
public interface BadNameClient {

	@GetExchange("/")
	String root();

}
