package dossier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between the tool and a PostgreSQL server, to make a fault happen at a chosen point
 * of a result: once the server has sent a given number of bytes towards the tool, the proxy runs
 * an action (terminate the backend, stop the server, stall) before it forwards anything further.
 * The tool sees an ordinary server, only at another port.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(host, port)) {
 *   proxy.onceAfter(1_000_000, () -> terminateTheBackend());
 *   DatabaseSource.read(settingsAt(proxy.port()), ...);   // fails mid-result
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
  private final String host;
  private final int port;
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong toClient = new AtomicLong();
  private final AtomicBoolean fired = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile long trigger = Long.MAX_VALUE;
  private volatile Runnable action = () -> {};

  private TcpProxy(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("proxy-accept", this::accept);
  }

  /** A proxy listening on a free loopback port, forwarding to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    try {
      return new TcpProxy(host, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port to give the tool. */
  public int port() {
    return listener.getLocalPort();
  }

  /** The bytes forwarded from the server to the tool so far, over all connections. */
  public long bytesToClient() {
    return toClient.get();
  }

  /** Whether the action of {@link #onceAfter} has run. */
  public boolean fired() {
    return fired.get();
  }

  /**
   * Once more than {@code bytes} (counted from now) would have gone from the server to the tool,
   * runs {@code action} in the forwarding thread, then goes on forwarding: while it runs, the tool
   * has received at most {@code bytes} and waits for the rest.
   */
  public void onceAfter(long bytes, Runnable action) {
    this.action = action;
    this.fired.set(false);
    this.trigger = toClient.get() + bytes;
  }

  /** An action for {@link #onceAfter}: stop forwarding until the proxy is closed, as a dead network. */
  public Runnable stall() {
    return () -> {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Override
  public void close() {
    closed.countDown();
    quietly(listener);
    sockets.forEach(TcpProxy::quietly);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(host, port);
        sockets.add(client);
        sockets.add(server);
        daemon("proxy-up", () -> pump(client, server, false));
        daemon("proxy-down", () -> pump(server, client, true));
      } catch (IOException e) {
        // closed, or the server refused: the tool sees its connection closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean towardsClient) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (towardsClient) {
          long total = toClient.get() + n;
          if (total > trigger && fired.compareAndSet(false, true)) {
            action.run();
          }
          toClient.addAndGet(n);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away: close both, as a network would
    } finally {
      quietly(from);
      quietly(to);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
