package io.datapunk.mesh.internal.support;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@link MeshJson} over Jackson 2 ({@code com.fasterxml.jackson.databind}).
 *
 * @author datapunk mesh team
 */
final class Jackson2Json extends MeshJson {

	private final JsonMapper mapper;

	private final JsonMapper beans;

	Jackson2Json() {
		StreamReadConstraints limits = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxNameLength(MAX_NAME_LENGTH)
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
		// Off by default in Jackson 2, on in Jackson 3: both refuse a document with more
		// after its value.
		this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		this.beans = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
	}

	@Override
	public Object read(String json) {
		try {
			return this.mapper.readValue(json, Object.class);
		}
		catch (JsonProcessingException ex) {
			// Jackson's message quotes the document: a hostile value stays out of logs.
			throw new IllegalArgumentException("not JSON");
		}
	}

	@Override
	public String write(Map<String, ?> object) {
		try {
			return this.mapper.writeValueAsString(object);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("JSON of the mesh cannot be written", ex);
		}
	}

	@Override
	public String writeBean(Object bean) {
		try {
			return this.beans.writeValueAsString(bean);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(bean.getClass().getSimpleName() + " cannot be written as JSON", ex);
		}
	}

	@Override
	public String library() {
		return "Jackson 2";
	}

}
