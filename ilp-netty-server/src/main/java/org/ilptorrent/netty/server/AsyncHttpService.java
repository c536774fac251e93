package org.ilptorrent.netty.server;

import java.util.concurrent.CompletionStage;

/**
 * What a server does with a whole request when its answer may come later, such as after a call to
 * another service: the answer is written when the stage completes, on whatever thread completes it,
 * and the connection's next request waits until then. Called like {@link HttpService}: on the
 * worker executor when there is one, else on an event loop, where it must not block.
 */
@FunctionalInterface
public interface AsyncHttpService {
  /**
   * Answers a request, now or later. An exception, thrown or completing the stage, is answered with
   * 500 {@code internal error}.
   *
   * @throws Exception anything; logged at warning level without the request's content
   */
  CompletionStage<HttpResponse> handle(HttpRequest request) throws Exception;
}
