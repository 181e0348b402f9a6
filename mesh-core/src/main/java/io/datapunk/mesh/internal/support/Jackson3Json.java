package io.datapunk.mesh.internal.support;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MeshJson} over Jackson 3 ({@code tools.jackson.databind}).
 *
 * @author datapunk mesh team
 */
final class Jackson3Json extends MeshJson {

	private final JsonMapper mapper;

	private final JsonMapper beans;

	Jackson3Json() {
		StreamReadConstraints limits = StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxStringLength(MAX_STRING_LENGTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.maxNameLength(MAX_NAME_LENGTH)
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
		// Jackson 3 refuses trailing content by default; said here as for Jackson 2.
		this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
		this.beans = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

	@Override
	public Object read(String json) {
		try {
			return this.mapper.readValue(json, Object.class);
		}
		catch (JacksonException ex) {
			// Jackson's message quotes the document: a hostile value stays out of logs.
			throw new IllegalArgumentException("not JSON");
		}
	}

	@Override
	public String write(Map<String, ?> object) {
		return this.mapper.writeValueAsString(object);
	}

	@Override
	public String writeBean(Object bean) {
		return this.beans.writeValueAsString(bean);
	}

	@Override
	public String library() {
		return "Jackson 3";
	}

}
