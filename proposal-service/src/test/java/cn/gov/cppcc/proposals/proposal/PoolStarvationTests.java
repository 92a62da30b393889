package cn.gov.cppcc.proposals.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gov.cppcc.proposals.proposal.search.SearchIndex;
import cn.gov.cppcc.proposals.proposal.suggestion.AssignmentSuggestions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory followers of a change (search index, suggestion engine) run on the
 * request thread after its commit, while that thread still holds its pooled connection.
 * The instance refresher calls the same followers from its own thread, needing a
 * connection of its own. If a follower held its lock while waiting for a connection, the
 * two would wait for each other until the pool's connection timeout (bench/write-path.sh
 * at 16 connections: every writer stuck, then 503). Here the whole pool is held by
 * committing transactions while the refresher-like callers wait for a connection:
 * everything must finish at once, not after the 30 s timeout of the test pool.
 */
class PoolStarvationTests extends IntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	AssignmentSuggestions suggestions;

	@Autowired
	SearchIndex search;

	@Test
	void followersOfACommitNeverWaitForAConnectionWhileHoldingTheirLock() throws Exception {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		int size = pool.getMaximumPoolSize();
		long id = this.jdbc.sql("SELECT COALESCE(MIN(id), 1) FROM proposal").query(Long.class).single();
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		CountDownLatch holding = new CountDownLatch(size);
		CountDownLatch release = new CountDownLatch(1);
		List<CompletableFuture<Void>> writers = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			writers.add(CompletableFuture.runAsync(() -> tx.executeWithoutResult((status) -> {
				this.jdbc.sql("SELECT 1").query(Integer.class).single();
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						PoolStarvationTests.this.search.index(id);
						PoolStarvationTests.this.suggestions.sync(id);
					}
				});
				holding.countDown();
				await(release);
			}), newThread()));
		}
		assertThat(holding.await(30, TimeUnit.SECONDS)).as("the writers hold the whole pool").isTrue();
		// the refresher's calls, each waiting for a connection while the pool is empty
		CompletableFuture<Void> refreshSearch = CompletableFuture.runAsync(() -> this.search.index(id), newThread());
		CompletableFuture<Void> refreshSuggestions = CompletableFuture.runAsync(() -> this.suggestions.sync(id),
				newThread());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isGreaterThanOrEqualTo(2);
		release.countDown();
		List<CompletableFuture<Void>> all = new ArrayList<>(writers);
		all.add(refreshSearch);
		all.add(refreshSuggestions);
		// the test pool waits 30 s for a connection: a starved pool would take that long
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
	}

	private static Executor newThread() {
		return (task) -> {
			Thread thread = new Thread(task);
			thread.setDaemon(true);
			thread.start();
		};
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
