package cn.gov.cppcc.proposals.common.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a real database that can "freeze" like a SIGSTOPped server: it
 * still accepts connections (the kernel would), but forwards nothing in either direction
 * until it is thawed. What was held is forwarded then.
 */
final class FreezableTcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final Object gate = new Object();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private boolean frozen;

	private volatile boolean closed;

	FreezableTcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon(this::accept, "proxy-accept-" + port());
	}

	int port() {
		return this.server.getLocalPort();
	}

	void freeze() {
		synchronized (this.gate) {
			this.frozen = true;
		}
	}

	void thaw() {
		synchronized (this.gate) {
			this.frozen = false;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		thaw();
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 2000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				daemon(() -> pump(client, upstream), "proxy-up");
				daemon(() -> pump(upstream, client), "proxy-down");
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection dropped
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (from; to) {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int n;
			while ((n = in.read(buffer)) >= 0) {
				awaitThaw();
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed: both are closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitThaw() throws InterruptedException {
		synchronized (this.gate) {
			while (this.frozen) {
				this.gate.wait();
			}
		}
	}

	private static void daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

}
