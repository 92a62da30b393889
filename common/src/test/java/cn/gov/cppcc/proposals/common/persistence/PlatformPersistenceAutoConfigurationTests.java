package cn.gov.cppcc.proposals.common.persistence;

import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.InnerInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.OptimisticLockerInnerInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformPersistenceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PlatformPersistenceAutoConfiguration.class));

	@Test
	void pagingCappedAtOneHundredRowsAndOptimisticLocking() {
		this.runner.run((context) -> {
			MybatisPlusInterceptor interceptor = context.getBean(MybatisPlusInterceptor.class);
			assertThat(interceptor.getInterceptors()).hasSize(2);
			assertThat(interceptor.getInterceptors().get(0)).isInstanceOf(PaginationInnerInterceptor.class);
			assertThat(((PaginationInnerInterceptor) interceptor.getInterceptors().get(0)).getMaxLimit())
				.isEqualTo(100L);
			assertThat(interceptor.getInterceptors().get(1)).isInstanceOf(OptimisticLockerInnerInterceptor.class);
		});
	}

	@Test
	void pageCapIsConfiguration() {
		this.runner.withPropertyValues("platform.persistence.max-page-size=50").run((context) -> {
			InnerInterceptor first = context.getBean(MybatisPlusInterceptor.class).getInterceptors().get(0);
			assertThat(((PaginationInnerInterceptor) first).getMaxLimit()).isEqualTo(50L);
		});
	}

	@Test
	void aServiceOfItsOwnWins() {
		this.runner.withBean("own", MybatisPlusInterceptor.class, MybatisPlusInterceptor::new).run((context) -> {
			assertThat(context).hasSingleBean(MybatisPlusInterceptor.class);
			assertThat(context.getBean(MybatisPlusInterceptor.class).getInterceptors()).isEmpty();
		});
	}

}
