package cn.gov.cppcc.proposals.common.feign;

import java.io.InputStream;
import java.util.Map;

import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.databind.json.JsonMapper;

import cn.gov.cppcc.proposals.common.error.RemoteProblemException;

/**
 * Turns a problem+json answer of another service back into a typed
 * {@link RemoteProblemException} carrying its status and code, whatever the body looks
 * like (an unreadable body keeps the status and gets code {@code unknown}).
 */
public class ProblemErrorDecoder implements ErrorDecoder {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public Exception decode(String methodKey, Response response) {
		String service = (response.request() != null && response.request().requestTemplate() != null
				&& response.request().requestTemplate().feignTarget() != null)
						? response.request().requestTemplate().feignTarget().name() : methodKey;
		String code = "unknown";
		String title = "";
		if (response.body() != null) {
			try (InputStream in = response.body().asInputStream()) {
				Map<?, ?> body = this.json.readValue(in.readNBytes(64 * 1024), Map.class);
				if (body.get("code") instanceof String c) {
					code = c;
				}
				if (body.get("title") instanceof String t) {
					title = t;
				}
			}
			catch (Exception ex) {
				// not a problem body: keep the status only
			}
		}
		return new RemoteProblemException(service, response.status(), code, title);
	}

}
