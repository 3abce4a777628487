namespace ContainerInit.Tests.Infrastructure;
