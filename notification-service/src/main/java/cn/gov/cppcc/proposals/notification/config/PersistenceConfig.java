package cn.gov.cppcc.proposals.notification.config;

import com.baomidou.mybatisplus.annotation.DbType;
import com.baomidou.mybatisplus.extension.plugins.MybatisPlusInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.OptimisticLockerInnerInterceptor;
import com.baomidou.mybatisplus.extension.plugins.inner.PaginationInnerInterceptor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * MyBatis-Plus: paging (MySQL dialect, at most 100 rows a page) and optimistic locking on
 * {@code @Version} columns.
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfig {

	@Bean
	MybatisPlusInterceptor mybatisPlusInterceptor() {
		MybatisPlusInterceptor interceptor = new MybatisPlusInterceptor();
		PaginationInnerInterceptor pagination = new PaginationInnerInterceptor(DbType.MYSQL);
		pagination.setMaxLimit(100L);
		interceptor.addInnerInterceptor(pagination);
		interceptor.addInnerInterceptor(new OptimisticLockerInnerInterceptor());
		return interceptor;
	}

}
