Console.Error.WriteLine("container-init");
return 0;
