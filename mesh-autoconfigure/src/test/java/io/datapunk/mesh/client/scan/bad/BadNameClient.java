package io.datapunk.mesh.client.scan.bad;

import io.datapunk.mesh.client.MeshClient;

import org.springframework.web.service.annotation.GetExchange;

@MeshClient("Bad_Name")
public interface BadNameClient {

	@GetExchange("/")
	String root();

}
