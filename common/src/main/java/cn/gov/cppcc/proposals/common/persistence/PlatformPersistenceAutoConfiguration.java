package cn.gov.cppcc.proposals.common.persistence;

import com.baomidou.mybatisplus.annotation.DbType;
import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.OptimisticLockerInnerInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The MyBatis-Plus plugins of every service with a database (before, four copies of the
 * same class): paging with the MySQL dialect, never more than
 * {@code platform.persistence.max-page-size} rows a page (default 100, the largest
 * {@code size} API.md allows), and optimistic locking on {@code @Version} columns. A
 * service that needs something else declares its own {@link MybatisPlusInterceptor}.
 */
@AutoConfiguration
@ConditionalOnClass({ MybatisPlusInterceptor.class, PaginationInnerInterceptor.class })
public class PlatformPersistenceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MybatisPlusInterceptor.class)
	MybatisPlusInterceptor mybatisPlusInterceptor(Environment environment) {
		MybatisPlusInterceptor interceptor = new MybatisPlusInterceptor();
		PaginationInnerInterceptor pagination = new PaginationInnerInterceptor(DbType.MYSQL);
		pagination.setMaxLimit(environment.getProperty("platform.persistence.max-page-size", Long.class, 100L));
		interceptor.addInnerInterceptor(pagination);
		interceptor.addInnerInterceptor(new OptimisticLockerInnerInterceptor());
		return interceptor;
	}

}
